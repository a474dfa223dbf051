package dev.segue.sonic.rest;

import dev.segue.commons.paging.Page;
import dev.segue.commons.run.RetiredLimit;
import dev.segue.sonic.service.AnalysisRunService;
import dev.segue.sonic.service.AnalysisWorkerPool;
import dev.segue.sonic.service.RunRequest;
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

@Path("/api/analysis/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AnalysisRunResource {

    private final AnalysisRunService runs;
    private final AnalysisWorkerPool workers;

    AnalysisRunResource(AnalysisRunService runs, AnalysisWorkerPool workers) {
        this.runs = runs;
        this.workers = workers;
    }

    /** Starts a run: 202 + Location; 409 problem+json when a run is already active. */
    @POST
    @APIResponse(responseCode = "202", description = "Started; Location is the run to poll",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnalysisRunView.class)))
    @APIResponse(responseCode = "409", description = "A run is already active; activeRun and the Location header name it")
    public Response start(@Valid @NotNull AnalysisRunRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        AnalysisRunView run = AnalysisRunView.of(runs.start(new RunRequest(request.scope(), request.trackIds(),
                Boolean.TRUE.equals(request.force()))));
        workers.wake();
        return Response.accepted(run)
                .location(uri.getBaseUriBuilder().path("api/analysis/runs").path(Long.toString(run.id())).build())
                .build();
    }

    /** Runs, newest first. */
    @GET
    public Page<AnalysisRunView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size,
            @QueryParam("limit") @Parameter(hidden = true) Integer limit) {
        RetiredLimit.reject(limit);
        return runs.list(page, size).map(AnalysisRunView::of);
    }

    @GET
    @Path("/{id}")
    public AnalysisRunView get(@PathParam("id") long id) {
        return AnalysisRunView.of(runs.get(id));
    }

    /** Cancels an active run (a finished run is returned unchanged); analysed tracks are kept. */
    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The run, cancelled if it was active, else unchanged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnalysisRunView.class)))
    public AnalysisRunView cancel(@PathParam("id") long id) {
        return AnalysisRunView.of(runs.cancel(id));
    }
}
