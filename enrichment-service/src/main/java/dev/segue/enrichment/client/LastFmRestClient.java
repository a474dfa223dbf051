package dev.segue.enrichment.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Last.fm API 2.0: one endpoint, the method is a parameter; errors often come with HTTP 200. */
@RegisterRestClient(configKey = "lastfm")
@Path("/2.0/")
@Produces(MediaType.APPLICATION_JSON)
interface LastFmRestClient {

    @GET
    Response call(@QueryParam("method") String method, @QueryParam("api_key") String apiKey,
            @QueryParam("mbid") String mbid, @QueryParam("artist") String artist, @QueryParam("album") String album,
            @QueryParam("track") String track, @QueryParam("autocorrect") Integer autocorrect,
            @QueryParam("format") String format);
}
