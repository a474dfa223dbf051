package dev.segue.library.rest;

import dev.segue.commons.paging.Page;
import dev.segue.commons.run.RetiredLimit;
import dev.segue.library.service.ScanService;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/scans")
@Produces(MediaType.APPLICATION_JSON)
public class ScanResource {

    private final ScanService scans;

    ScanResource(ScanService scans) {
        this.scans = scans;
    }

    /** Starts a scan in the background: 202 + Location of the run to poll. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Started; Location is the run to poll",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScanRunView.class)))
    @APIResponse(responseCode = "400", description = "root is not a folder inside a configured library root")
    @APIResponse(responseCode = "409", description = "A scan of that folder (or one inside or around it) is already running; "
            + "activeRun and the Location header name it")
    public Response start(ScanRequest request, UriInfo uri) {
        String root = request == null || request.root() == null || request.root().isBlank() ? null : request.root();
        ScanRunView run = ScanRunView.of(scans.start(root, "api"));
        return Response.accepted(run).location(uri.getBaseUriBuilder().path("api/scans/{id}").build(run.id())).build();
    }

    /** Runs, newest first. */
    @GET
    public Page<ScanRunView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size,
            @QueryParam("limit") @Parameter(hidden = true) Integer limit) {
        RetiredLimit.reject(limit);
        return scans.list(page, size).map(ScanRunView::of);
    }

    @GET
    @Path("/{id}")
    public ScanRunView get(@PathParam("id") long id) {
        return ScanRunView.of(scans.find(id));
    }

    /** Cancels a running scan (a finished one is returned unchanged): what it stored is kept, no track is marked missing. */
    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The run, cancelled if it was running, else unchanged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScanRunView.class)))
    public ScanRunView cancel(@PathParam("id") long id) {
        return ScanRunView.of(scans.cancel(id));
    }

    @GET
    @Path("/{id}/errors")
    public Page<ScanErrorView> errors(@PathParam("id") long id,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return scans.errors(id, page, size).map(ScanErrorView::of);
    }
}
