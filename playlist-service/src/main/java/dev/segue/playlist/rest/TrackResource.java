package dev.segue.playlist.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.playlist.service.EnrichmentGateway;
import dev.segue.playlist.service.LibraryGateway;
import dev.segue.playlist.service.PlaylistService;
import dev.segue.playlist.service.SonicGateway;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Tracks: their neighbours (this service), and, as a gateway (see {@link GatewayResource}), the listing and
 * details of library-service, the genres of enrichment-service and the sound of sonic-service.
 */
@Path("/api/tracks")
@Produces(MediaType.APPLICATION_JSON)
public class TrackResource {

    private final PlaylistService service;
    private final LibraryGateway library;
    private final EnrichmentGateway enrichment;
    private final SonicGateway sonic;

    TrackResource(PlaylistService service, LibraryGateway library, EnrichmentGateway enrichment, SonicGateway sonic) {
        this.service = service;
        this.library = library;
        this.enrichment = enrichment;
        this.sonic = sonic;
    }

    /** The tracks that sound and are tagged most like this one, best first, from the in-memory index. */
    @GET
    @Path("/{id}/similar")
    public SimilarView similar(@PathParam("id") long id, @QueryParam("limit") @Min(1) @Max(200) Integer limit) {
        return SimilarView.of(service.similar(id, limit));
    }

    @GET
    @Tag(name = "Gateway")
    @Operation(summary = "Search and browse tracks: q (title, artist, album), artist and album (id or name), genre, status "
            + "(library-service GET /api/tracks)")
    @APIResponse(responseCode = "200", description = "A page of tracks: items, page, size, total and totalExact (false when q "
            + "matches more than 1,000 tracks: total is then 1,000, a lower bound)")
    @APIResponse(responseCode = "400", description = "page or size out of range")
    @APIResponse(responseCode = "503", description = "library-service is down, slow or failing")
    public JsonNode tracks(@QueryParam("q") String q, @QueryParam("artist") String artist, @QueryParam("album") String album,
                           @QueryParam("genre") String genre, @QueryParam("status") String status,
                           @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                           @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return library.tracks(q, artist, album, genre, status, page, size);
    }

    @GET
    @Path("/{id}")
    @Tag(name = "Gateway")
    @Operation(summary = "One track with its tags and file (library-service GET /api/tracks/{id})")
    @APIResponse(responseCode = "200", description = "The track")
    @APIResponse(responseCode = "404", description = "No such track")
    @APIResponse(responseCode = "503", description = "library-service is down, slow or failing")
    public JsonNode track(@PathParam("id") long id) {
        return library.track(id);
    }

    @GET
    @Path("/{id}/genres")
    @Tag(name = "Gateway")
    @Operation(summary = "The track's effective genres with sources and weights (enrichment-service)")
    @APIResponse(responseCode = "200", description = "Genres; inheritedFrom says album or artist when the track has none of its own")
    @APIResponse(responseCode = "404", description = "No such track")
    @APIResponse(responseCode = "503", description = "enrichment-service is down, slow or failing")
    public JsonNode genres(@PathParam("id") long id) {
        return enrichment.genresOf("tracks", id);
    }

    @GET
    @Path("/{id}/sonic")
    @Tag(name = "Gateway")
    @Operation(summary = "The track's sonic features per segment (sonic-service GET /api/tracks/{id}/sonic)")
    @APIResponse(responseCode = "200", description = "Segments beginning, middle, end, average with named features")
    @APIResponse(responseCode = "404", description = "No such track")
    @APIResponse(responseCode = "503", description = "sonic-service is down, slow or failing")
    public JsonNode sonic(@PathParam("id") long id) {
        return sonic.sonic(id);
    }
}
