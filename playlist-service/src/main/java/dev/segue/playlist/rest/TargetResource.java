package dev.segue.playlist.rest;

import dev.segue.playlist.delivery.CheckResult;
import dev.segue.playlist.service.DeliveryService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/targets")
public class TargetResource {

    private final DeliveryService service;

    TargetResource(DeliveryService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "The servers and folders playlists can be pushed to",
            description = "Targets of the configuration and of PUT /api/targets. A secret is never shown: secretVariable names "
                    + "the environment variable that holds it and secretSet says whether it is set.")
    public List<TargetView> list() {
        return service.targets().stream().map(TargetView::of).toList();
    }

    @PUT
    @Operation(summary = "Replace the targets defined through the API",
            description = "The whole list: targets left out are removed (configuration targets stay). There is no secret field; "
                    + "each target's secret is read from the environment variable SEGUE_TARGET_<NAME>_SECRET. 409 for a "
                    + "name of the configuration, 422 for a target missing its url, directory or user.")
    public List<TargetView> put(@NotNull List<@Valid TargetRequest> targets) {
        return service.putTargets(targets.stream().map(TargetRequest::target).toList()).stream().map(TargetView::of).toList();
    }

    @GET
    @Path("/{name}/check")
    @Operation(summary = "Whether a target answers, accepts its credentials, and how many library tracks it has",
            description = "Reads the server's whole catalogue (paged) and matches the library against it; never fails for a "
                    + "server that is down: reachable/authenticated/detail say what is wrong.")
    public CheckResult check(@PathParam("name") String name) {
        return service.check(name);
    }
}
