package dev.segue.playlist.rest;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
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
            content = @Content(schema = @Schema(implementation = MapView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    public Response map(@Context Request request) {
        MapService.Current current = map.current();
        EntityTag tag = EntityTag.valueOf(current.etag());
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            return unchanged.cacheControl(revalidate).build();
        }
        return Response.ok(current.view()).tag(tag).cacheControl(revalidate).build();
    }
}
