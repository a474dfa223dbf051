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

/** The enrichment-service endpoints the web app reaches through playlist-service. */
@RegisterRestClient(configKey = "enrichment-service")
@RegisterProvider(ApiKeyClientFilter.class)
@Produces(MediaType.APPLICATION_JSON)
interface EnrichmentRestClient {

    @GET
    @Path("/api/enrichment/stats")
    JsonNode stats();

    @GET
    @Path("/api/enrichment/runs")
    JsonNode runs(@QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("/api/enrichment/runs/{id}")
    JsonNode run(@PathParam("id") long id);

    @POST
    @Path("/api/enrichment/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode startRun(JsonNode request);

    @DELETE
    @Path("/api/enrichment/runs/{id}")
    JsonNode cancelRun(@PathParam("id") long id);

    @GET
    @Path("/api/genres")
    JsonNode genres(@QueryParam("used") boolean used);

    /** {@code kind}: artists, albums or tracks. */
    @GET
    @Path("/api/{kind}/{id}/genres")
    JsonNode genresOf(@PathParam("kind") String kind, @PathParam("id") long id);

    @GET
    @Path("/q/health/ready")
    JsonNode readiness();
}
