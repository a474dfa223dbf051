package dev.segue.playlist.rest;

import dev.segue.playlist.map.MapBinary;
import dev.segue.playlist.map.MapView;
import dev.segue.playlist.service.MapService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The sonic map: every analysed track as a point on two named axes. */
@Path("/api/map")
@Produces(MediaType.APPLICATION_JSON)
public class MapResource {

    private final MapService map;

    MapResource(MapService map) {
        this.map = map;
    }

    @GET
    @Operation(summary = "Every analysed track on the two principal axes of the library's sound, the axes named by their features")
    @APIResponse(responseCode = "200", description = "Points in parallel arrays; ETag changes with the index",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MapView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    public Response map(@Context Request request) {
        MapService.Current current = map.current();
        return respond(request, current.etag(), () -> Response.ok(current.view()));
    }

    /**
     * The same map for the web app: per-point numbers as little-endian arrays (layout in {@link MapBinary}), encoded
     * once per index snapshot, so 33,636 points are neither serialized nor parsed per request. Not compressed: the
     * float arrays barely shrink, and compressing two megabytes per request costs the CPU the page is waiting for.
     */
    @GET
    @Path("/binary")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "The map in binary: a JSON header with the axes and names, then typed arrays of ids, x, y, artist, album, genre")
    @APIResponse(responseCode = "200", description = "\"SGM1\", header length, header JSON, padding to 8, float64 ids, float32 x and y, "
            + "int32 artist, album and genre indexes (little-endian)",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    public Response binary(@Context Request request) {
        MapService.Current current = map.current();
        return respond(request, current.etag().replaceAll("\"$", "-bin\""), () -> Response.ok(current.binary()));
    }

    private static Response respond(Request request, String etag, Supplier<Response.ResponseBuilder> ok) {
        EntityTag tag = EntityTag.valueOf(etag);
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        Response.ResponseBuilder answer = unchanged != null ? unchanged : ok.get().tag(tag);
        return answer.cacheControl(revalidate).build();
    }
}
