package dev.segue.playlist.rest;

import dev.segue.playlist.index.IndexService;
import dev.segue.playlist.index.IndexStats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The in-memory index: what it holds, and a way to catch up with the database now instead of at the next poll. */
@Path("/api/index")
@Produces(MediaType.APPLICATION_JSON)
public class IndexResource {

    private final IndexService index;

    IndexResource(IndexService index) {
        this.index = index;
    }

    @GET
    public IndexStats stats() {
        return index.stats();
    }

    @POST
    @Path("/refresh")
    public IndexStats refresh() {
        index.refresh();
        return index.stats();
    }
}
