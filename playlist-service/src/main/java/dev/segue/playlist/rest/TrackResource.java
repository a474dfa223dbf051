package dev.segue.playlist.rest;

import dev.segue.playlist.playlist.SimilarView;
import dev.segue.playlist.service.PlaylistService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/tracks")
@Produces(MediaType.APPLICATION_JSON)
public class TrackResource {

    private final PlaylistService service;

    TrackResource(PlaylistService service) {
        this.service = service;
    }

    /** The tracks that sound and are tagged most like this one, best first, from the in-memory index. */
    @GET
    @Path("/{id: \\d+}/similar")
    public SimilarView similar(@PathParam("id") long id, @QueryParam("limit") @Min(1) @Max(200) Integer limit) {
        return service.similar(id, limit);
    }
}
