package dev.segue.playlist.rest;

import dev.segue.playlist.playlist.StoredPlaylist;
import dev.segue.playlist.request.ContinueRequest;
import dev.segue.playlist.request.PathRequest;
import dev.segue.playlist.request.PlaylistRequest;
import dev.segue.playlist.service.PlaylistService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/playlists")
@Produces(MediaType.APPLICATION_JSON)
public class PlaylistResource {

    static final String M3U8 = "audio/x-mpegurl";

    private final PlaylistService service;

    PlaylistResource(PlaylistService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Built and stored; Location is the playlist",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlaylistView.class)))
    @APIResponse(responseCode = "404", description = "A seed track does not exist")
    @APIResponse(responseCode = "422", description = "The constraints leave too few tracks; detail says which to relax")
    public Response create(@Valid @NotNull PlaylistRequest request, UriInfo uri) {
        return created(service.create(request), uri);
    }

    @POST
    @Path("/path")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Built and stored; Location is the playlist",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlaylistView.class)))
    @APIResponse(responseCode = "404", description = "from or to is not a track")
    @APIResponse(responseCode = "422", description = "from or to has no sonic analysis, or no path of that size exists")
    public Response createPath(@Valid @NotNull PathRequest request, UriInfo uri) {
        return created(service.createPath(request), uri);
    }

    @POST
    @Path("/continue")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The next tracks after what was just played (radio continuation); nothing is stored")
    @APIResponse(responseCode = "200", description = "Up to count tracks, none of them recent, each with scores and reasons")
    @APIResponse(responseCode = "400", description = "recent missing or empty, or count outside 1..100")
    @APIResponse(responseCode = "401", description = "An API key is configured and this request lacks it")
    @APIResponse(responseCode = "404", description = "A recent track is not in the library")
    @APIResponse(responseCode = "422", description = "The recent tracks have neither sound nor genres to compare with")
    public ContinueView continuePlaying(@Valid @NotNull ContinueRequest request) {
        return ContinueView.of(service.continuePlaying(request));
    }

    private static Response created(StoredPlaylist playlist, UriInfo uri) {
        URI location = uri.getBaseUriBuilder().path("api/playlists/{id}").build(playlist.id());
        return Response.created(location).entity(PlaylistView.of(playlist)).build();
    }

    @GET
    public PlaylistPage list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                             @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        return new PlaylistPage(service.page(page, size).stream().map(PlaylistSummary::of).toList(), page, size, service.count());
    }

    @GET
    @Path("/{id}")
    public PlaylistView get(@PathParam("id") long id) {
        return PlaylistView.of(service.find(id));
    }

    @GET
    @Path("/{id}.m3u8")
    @Produces(M3U8)
    @APIResponse(responseCode = "200", description = "Extended M3U (UTF-8), paths rewritten for players",
            content = @Content(mediaType = M3U8, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such playlist")
    public Response m3u8(@PathParam("id") long id) {
        return Response.ok(service.m3u8(id).getBytes(StandardCharsets.UTF_8))
                .type(M3U8 + ";charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"playlist-" + id + ".m3u8\"")
                .build();
    }

    @POST
    @Path("/{id}/order")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reorder a playlist or leave tracks out; every transition is scored again")
    @APIResponse(responseCode = "200", description = "The playlist in its new order, with new transition scores and reasons")
    @APIResponse(responseCode = "400", description = "trackIds missing or empty")
    @APIResponse(responseCode = "401", description = "An API key is configured and this request lacks it")
    @APIResponse(responseCode = "404", description = "No such playlist")
    @APIResponse(responseCode = "422", description = "A track that is not in the playlist, or one given twice")
    public PlaylistView order(@PathParam("id") long id, @Valid @NotNull OrderRequest request) {
        return PlaylistView.of(service.reorder(id, request.trackIds()));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a playlist")
    @APIResponse(responseCode = "200", description = "The renamed playlist")
    @APIResponse(responseCode = "400", description = "name blank or longer than 200 characters")
    @APIResponse(responseCode = "401", description = "An API key is configured and this request lacks it")
    @APIResponse(responseCode = "404", description = "No such playlist")
    public PlaylistView rename(@PathParam("id") long id, @Valid @NotNull RenameRequest request) {
        return PlaylistView.of(service.rename(id, request.name()));
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such playlist")
    public Response delete(@PathParam("id") long id) {
        service.delete(id);
        return Response.noContent().build();
    }
}
