package dev.segue.enrichment.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** MusicBrainz WS/2, JSON; answers are read raw so errors, headers and odd bodies stay visible. */
@RegisterRestClient(configKey = "musicbrainz")
@Path("/ws/2")
@Produces(MediaType.APPLICATION_JSON)
interface MusicBrainzRestClient {

    @GET
    @Path("/artist/{mbid}")
    Response artist(@PathParam("mbid") String mbid, @QueryParam("inc") String inc, @QueryParam("fmt") String fmt,
            @HeaderParam("User-Agent") String userAgent);

    @GET
    @Path("/artist")
    Response searchArtists(@QueryParam("query") String query, @QueryParam("limit") int limit, @QueryParam("fmt") String fmt,
            @HeaderParam("User-Agent") String userAgent);

    @GET
    @Path("/release-group")
    Response browseReleaseGroups(@QueryParam("artist") String artistMbid, @QueryParam("inc") String inc,
            @QueryParam("limit") int limit, @QueryParam("offset") int offset, @QueryParam("fmt") String fmt,
            @HeaderParam("User-Agent") String userAgent);

    @GET
    @Path("/release-group/{mbid}")
    Response releaseGroup(@PathParam("mbid") String mbid, @QueryParam("inc") String inc, @QueryParam("fmt") String fmt,
            @HeaderParam("User-Agent") String userAgent);

    @GET
    @Path("/recording/{mbid}")
    Response recording(@PathParam("mbid") String mbid, @QueryParam("inc") String inc, @QueryParam("fmt") String fmt,
            @HeaderParam("User-Agent") String userAgent);
}
