package dev.segue.playlist.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.commons.security.ApiKeyClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The sonic-service endpoints the web app reaches through playlist-service: same service as
 * {@link SonicRestClient}, but a read timeout for quick reads instead of the wait for an analysis.
 */
@RegisterRestClient(configKey = "sonic-service-web")
@RegisterProvider(ApiKeyClientFilter.class)
@Produces(MediaType.APPLICATION_JSON)
interface SonicWebRestClient {

    @GET
    @Path("/api/tracks/{id}/sonic")
    JsonNode sonic(@PathParam("id") long trackId);

    @GET
    @Path("/api/analysis/stats")
    JsonNode stats();

    @GET
    @Path("/api/analysis/runs")
    JsonNode runs(@QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("/api/analysis/runs/{id}")
    JsonNode run(@PathParam("id") long id);

    @POST
    @Path("/api/analysis/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode startRun(JsonNode request);

    @DELETE
    @Path("/api/analysis/runs/{id}")
    JsonNode cancelRun(@PathParam("id") long id);

    @GET
    @Path("/q/health/ready")
    JsonNode readiness();
}
