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

/** The library-service endpoints the web app reaches through playlist-service (answers passed on as they are). */
@RegisterRestClient(configKey = "library-service")
@RegisterProvider(ApiKeyClientFilter.class)
@Produces(MediaType.APPLICATION_JSON)
interface LibraryRestClient {

    @GET
    @Path("/api/stats")
    JsonNode stats();

    @GET
    @Path("/api/tracks")
    JsonNode tracks(@QueryParam("q") String q, @QueryParam("artist") String artist, @QueryParam("album") String album,
                    @QueryParam("genre") String genre, @QueryParam("status") String status, @QueryParam("page") int page,
                    @QueryParam("size") int size);

    @GET
    @Path("/api/tracks/{id}")
    JsonNode track(@PathParam("id") long id);

    @GET
    @Path("/api/artists")
    JsonNode artists(@QueryParam("q") String q, @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("/api/albums")
    JsonNode albums(@QueryParam("artist") String artist, @QueryParam("q") String q, @QueryParam("page") int page,
                    @QueryParam("size") int size);

    @GET
    @Path("/api/scans")
    JsonNode scans(@QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("/api/scans/{id}")
    JsonNode scan(@PathParam("id") long id);

    @GET
    @Path("/api/scans/{id}/errors")
    JsonNode scanErrors(@PathParam("id") long id, @QueryParam("page") int page, @QueryParam("size") int size);

    @POST
    @Path("/api/scans")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode startScan(JsonNode request);

    @DELETE
    @Path("/api/scans/{id}")
    JsonNode cancelScan(@PathParam("id") long id);

    @GET
    @Path("/q/health/ready")
    JsonNode readiness();
}
