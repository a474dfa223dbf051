package dev.segue.playlist.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.segue.commons.run.RetiredLimit;
import dev.segue.playlist.service.EnrichmentGateway;
import dev.segue.playlist.service.LibraryGateway;
import dev.segue.playlist.service.ReadinessService;
import dev.segue.playlist.service.SonicGateway;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The other three services' endpoints the web app needs, on this service's port under the same paths, so a
 * browser behind a reverse proxy reaches everything through one port. An explicit list, not a proxy: each
 * path is forwarded with the deployment's API key, answers (4xx included) are passed on as the owning
 * service gave them, and a service that is down or slow becomes a 503 problem naming it.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Gateway", description = "library-, enrichment- and sonic-service endpoints served through playlist-service "
        + "(same paths and answers as on the owning service; docs/web.md)")
@APIResponse(responseCode = "503", description = "The owning service is down, slow or failing; detail names it and the cause")
public class GatewayResource {

    private final LibraryGateway library;
    private final EnrichmentGateway enrichment;
    private final SonicGateway sonic;
    private final ReadinessService readiness;

    GatewayResource(LibraryGateway library, EnrichmentGateway enrichment, SonicGateway sonic, ReadinessService readiness) {
        this.library = library;
        this.enrichment = enrichment;
        this.sonic = sonic;
        this.readiness = readiness;
    }

    @GET
    @Path("/status")
    @Operation(summary = "Readiness of the four services, with the reason when one is down")
    @APIResponse(responseCode = "200", description = "Always 200: each service says UP, DOWN (with why) or UNREACHABLE")
    public ReadinessService.SystemStatus status() {
        return readiness.status();
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Library totals (library-service GET /api/stats)")
    @APIResponse(responseCode = "200", description = "tracks, albums, artists, missing, byFormat")
    public JsonNode libraryStats() {
        return library.stats();
    }

    @GET
    @Path("/artists")
    @Operation(summary = "Artists matching q (library-service GET /api/artists)")
    @APIResponse(responseCode = "200", description = "A page of artists")
    @APIResponse(responseCode = "400", description = "page or size out of range")
    public JsonNode artists(@QueryParam("q") String q, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return library.artists(q, page, size);
    }

    @GET
    @Path("/artists/{id}/genres")
    @Operation(summary = "An artist's genres with sources and weights (enrichment-service)")
    @APIResponse(responseCode = "200", description = "Effective genres")
    @APIResponse(responseCode = "404", description = "No such artist")
    public JsonNode artistGenres(@PathParam("id") long id) {
        return enrichment.genresOf("artists", id);
    }

    @GET
    @Path("/albums")
    @Operation(summary = "Albums, by album artist (id or name) and title (library-service GET /api/albums)")
    @APIResponse(responseCode = "200", description = "A page of albums with track counts")
    @APIResponse(responseCode = "400", description = "page or size out of range")
    public JsonNode albums(@QueryParam("artist") String artist, @QueryParam("q") String q,
                           @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                           @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return library.albums(artist, q, page, size);
    }

    @GET
    @Path("/albums/{id}/genres")
    @Operation(summary = "An album's genres with sources and weights (enrichment-service)")
    @APIResponse(responseCode = "200", description = "Effective genres")
    @APIResponse(responseCode = "404", description = "No such album")
    public JsonNode albumGenres(@PathParam("id") long id) {
        return enrichment.genresOf("albums", id);
    }

    @GET
    @Path("/genres")
    @Operation(summary = "The genre vocabulary with parents and usage (enrichment-service GET /api/genres)")
    @APIResponse(responseCode = "200", description = "Genres, most used first")
    public JsonNode genres(@QueryParam("used") @DefaultValue("false") boolean used) {
        return enrichment.genres(used);
    }

    @GET
    @Path("/scans")
    @Operation(summary = "Scan runs, newest first (library-service GET /api/scans)")
    @APIResponse(responseCode = "200", description = "A page of scan runs")
    @APIResponse(responseCode = "400", description = "page or size out of range")
    public JsonNode scans(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                          @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size,
                          @QueryParam("limit") @Parameter(hidden = true) Integer limit) {
        RetiredLimit.reject(limit);
        return library.scans(page, size);
    }

    @GET
    @Path("/scans/{id}")
    @Operation(summary = "One scan run with its progress")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run")
    public JsonNode scan(@PathParam("id") long id) {
        return library.scan(id);
    }

    @GET
    @Path("/scans/{id}/errors")
    @Operation(summary = "The files and folders a scan could not use, and why (library-service GET /api/scans/{id}/errors)")
    @APIResponse(responseCode = "200", description = "A page of scan errors, oldest first")
    @APIResponse(responseCode = "404", description = "No such run")
    public JsonNode scanErrors(@PathParam("id") long id, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                               @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return library.scanErrors(id, page, size);
    }

    @POST
    @Path("/scans")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a scan of every root, or of {\"root\": \"/music/Jazz\"} (library-service POST /api/scans)")
    @APIResponse(responseCode = "202", description = "Started; Location is the run on this service")
    @APIResponse(responseCode = "400", description = "root outside the configured library roots")
    @APIResponse(responseCode = "401", description = "An API key is configured and this request lacks it")
    @APIResponse(responseCode = "409", description = "A scan of that folder is already running; activeRun and Location name it")
    public Response startScan(JsonNode request, UriInfo uri) {
        JsonNode run = library.startScan(request == null || request.isNull() ? JsonNodeFactory.instance.objectNode() : request);
        return accepted(run, uri, "api/scans/{id}");
    }

    @DELETE
    @Path("/scans/{id}")
    @Operation(summary = "Cancel a running scan (library-service DELETE /api/scans/{id})")
    @APIResponse(responseCode = "200", description = "The run, cancelled if it was running, else unchanged")
    @APIResponse(responseCode = "401", description = "An API key is configured and this request lacks it")
    @APIResponse(responseCode = "404", description = "No such run")
    public JsonNode cancelScan(@PathParam("id") long id) {
        return library.cancelScan(id);
    }

    @GET
    @Path("/enrichment/stats")
    @Operation(summary = "Genre coverage per entity and source (enrichment-service)")
    @APIResponse(responseCode = "200", description = "Coverage and source status")
    public JsonNode enrichmentStats() {
        return enrichment.stats();
    }

    @GET
    @Path("/enrichment/runs")
    @Operation(summary = "Enrichment runs, newest first")
    @APIResponse(responseCode = "200", description = "A page of runs with progress per source")
    @APIResponse(responseCode = "400", description = "page or size out of range")
    public JsonNode enrichmentRuns(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                   @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size,
                                   @QueryParam("limit") @Parameter(hidden = true) Integer limit) {
        RetiredLimit.reject(limit);
        return enrichment.runs(page, size);
    }

    @GET
    @Path("/enrichment/runs/{id}")
    @Operation(summary = "One enrichment run")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run")
    public JsonNode enrichmentRun(@PathParam("id") long id) {
        return enrichment.run(id);
    }

    @POST
    @Path("/enrichment/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an enrichment run, e.g. {\"scope\": \"all\"} (enrichment-service POST /api/enrichment/runs)")
    @APIResponse(responseCode = "202", description = "Started; Location is the run on this service")
    @APIResponse(responseCode = "400", description = "A field is invalid")
    @APIResponse(responseCode = "401", description = "An API key is configured and this request lacks it")
    @APIResponse(responseCode = "409", description = "A run is already active; activeRun and Location name it")
    public Response startEnrichment(JsonNode request, UriInfo uri) {
        return accepted(enrichment.startRun(request), uri, "api/enrichment/runs/{id}");
    }

    @DELETE
    @Path("/enrichment/runs/{id}")
    @Operation(summary = "Cancel an active enrichment run")
    @APIResponse(responseCode = "200", description = "The run, cancelled if it was active, else unchanged")
    @APIResponse(responseCode = "401", description = "An API key is configured and this request lacks it")
    @APIResponse(responseCode = "404", description = "No such run")
    public JsonNode cancelEnrichment(@PathParam("id") long id) {
        return enrichment.cancelRun(id);
    }

    @GET
    @Path("/analysis/stats")
    @Operation(summary = "Analysis coverage and decoders (sonic-service)")
    @APIResponse(responseCode = "200", description = "analysed, pending, failed, unsupported, decoders")
    public JsonNode analysisStats() {
        return sonic.stats();
    }

    @GET
    @Path("/analysis/runs")
    @Operation(summary = "Analysis runs, newest first")
    @APIResponse(responseCode = "200", description = "A page of runs with progress")
    @APIResponse(responseCode = "400", description = "page or size out of range")
    public JsonNode analysisRuns(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                 @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size,
                                 @QueryParam("limit") @Parameter(hidden = true) Integer limit) {
        RetiredLimit.reject(limit);
        return sonic.runs(page, size);
    }

    @GET
    @Path("/analysis/runs/{id}")
    @Operation(summary = "One analysis run, with its latest failures")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run")
    public JsonNode analysisRun(@PathParam("id") long id) {
        return sonic.run(id);
    }

    @POST
    @Path("/analysis/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an analysis run, e.g. {\"scope\": \"pending\"} (sonic-service POST /api/analysis/runs)")
    @APIResponse(responseCode = "202", description = "Started; Location is the run on this service")
    @APIResponse(responseCode = "400", description = "A field is invalid")
    @APIResponse(responseCode = "401", description = "An API key is configured and this request lacks it")
    @APIResponse(responseCode = "409", description = "A run is already active; activeRun and Location name it")
    public Response startAnalysis(JsonNode request, UriInfo uri) {
        return accepted(sonic.startRun(request), uri, "api/analysis/runs/{id}");
    }

    @DELETE
    @Path("/analysis/runs/{id}")
    @Operation(summary = "Cancel an active analysis run")
    @APIResponse(responseCode = "200", description = "The run, cancelled if it was active, else unchanged")
    @APIResponse(responseCode = "401", description = "An API key is configured and this request lacks it")
    @APIResponse(responseCode = "404", description = "No such run")
    public JsonNode cancelAnalysis(@PathParam("id") long id) {
        return sonic.cancelRun(id);
    }

    private static Response accepted(JsonNode run, UriInfo uri, String path) {
        return Response.accepted(run).location(uri.getBaseUriBuilder().path(path).build(run.path("id").asLong())).build();
    }
}
