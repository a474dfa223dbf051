package dev.segue.playlist.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.commons.security.ApiKeyClientFilter;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** sonic-service's one-track analysis; the vectors it writes are read from the database afterwards. */
@RegisterRestClient(configKey = "sonic-service")
@RegisterProvider(ApiKeyClientFilter.class)
@Produces(MediaType.APPLICATION_JSON)
interface SonicRestClient {

    @POST
    @Path("/api/tracks/{id}/analyze")
    JsonNode analyze(@PathParam("id") long trackId);
}
