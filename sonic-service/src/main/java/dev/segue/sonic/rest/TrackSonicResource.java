package dev.segue.sonic.rest;

import dev.segue.sonic.service.TrackSonicService;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/tracks/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class TrackSonicResource {

    private final TrackSonicService service;

    TrackSonicResource(TrackSonicService service) {
        this.service = service;
    }

    @GET
    @Path("/sonic")
    public TrackSonicView get(@PathParam("id") long id) {
        return TrackSonicView.of(service.get(id));
    }

    /** Analyses the track now (reusing a current analysis unless force=true); 422 when it cannot be. */
    @POST
    @Path("/analyze")
    public TrackSonicView analyze(@PathParam("id") long id, @QueryParam("force") @DefaultValue("false") boolean force) {
        return TrackSonicView.of(service.analyse(id, force));
    }
}
