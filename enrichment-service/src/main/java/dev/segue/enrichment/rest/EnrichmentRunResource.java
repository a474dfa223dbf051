package dev.segue.enrichment.rest;

import dev.segue.commons.paging.Page;
import dev.segue.commons.run.RetiredLimit;
import dev.segue.enrichment.run.RunRequest;
import dev.segue.enrichment.service.EnrichmentRunService;
import dev.segue.enrichment.service.EnrichmentStatsService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/enrichment")
@Produces(MediaType.APPLICATION_JSON)
public class EnrichmentRunResource {

    private final EnrichmentRunService runs;
    private final EnrichmentStatsService stats;

    EnrichmentRunResource(EnrichmentRunService runs, EnrichmentStatsService stats) {
        this.runs = runs;
        this.stats = stats;
    }

    /** Starts a run: 202 + Location; 409 problem+json while another run is active. */
    @POST
    @Path("/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Started; Location is the run to poll",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "409", description = "A run is already active; activeRun and the Location header name it")
    public Response start(@Valid @NotNull RunRequest request, UriInfo uri) {
        RunView run = RunView.of(runs.start(request));
        return Response.accepted(run).location(uri.getBaseUriBuilder().path("api/enrichment/runs/{id}").build(run.id())).build();
    }

    @GET
    @Path("/runs/{id}")
    public RunView get(@PathParam("id") long id) {
        return RunView.of(runs.get(id));
    }

    /** Runs, newest first. */
    @GET
    @Path("/runs")
    public Page<RunView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size,
            @QueryParam("limit") @Parameter(hidden = true) Integer limit) {
        RetiredLimit.reject(limit);
        return runs.list(page, size).map(RunView::of);
    }

    /** Cancels an active run (a finished run is returned unchanged); it stops after the calls in flight, and what it finished stays done. */
    @DELETE
    @Path("/runs/{id}")
    @APIResponse(responseCode = "200", description = "The run, cancelled if it was active, else unchanged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    public RunView cancel(@PathParam("id") long id) {
        return RunView.of(runs.cancel(id));
    }

    @GET
    @Path("/stats")
    public EnrichmentStatsService.Stats stats() {
        return stats.stats();
    }
}
