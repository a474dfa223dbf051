package dev.segue.enrichment.rest;

import dev.segue.enrichment.client.EntityType;
import dev.segue.enrichment.genre.GenreQueries;
import dev.segue.enrichment.genre.GenreRecomputeService;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class GenreResource {

    private final GenreQueries queries;
    private final GenreRecomputeService recompute;

    GenreResource(GenreQueries queries, GenreRecomputeService recompute) {
        this.queries = queries;
        this.recompute = recompute;
    }

    /** The vocabulary with parents and usage counts, most used first; {@code used=true} hides unused genres. */
    @GET
    @Path("/genres")
    public List<GenreQueries.GenreUsage> genres(@QueryParam("used") @DefaultValue("false") boolean used) {
        return queries.vocabulary(used);
    }

    /** Re-canonicalises stored raw tags and file tags (after a vocabulary or config change); makes no external call. */
    @POST
    @Path("/genres/recompute")
    public GenreRecomputeService.Result recompute() {
        return recompute.recompute();
    }

    @GET
    @Path("/artists/{id}/genres")
    public GenreQueries.EntityGenres artist(@PathParam("id") long id) {
        return queries.of(EntityType.ARTIST, id);
    }

    @GET
    @Path("/albums/{id}/genres")
    public GenreQueries.EntityGenres album(@PathParam("id") long id) {
        return queries.of(EntityType.ALBUM, id);
    }

    @GET
    @Path("/tracks/{id}/genres")
    public GenreQueries.EntityGenres track(@PathParam("id") long id) {
        return queries.of(EntityType.TRACK, id);
    }
}
