package dev.segue.enrichment.rest;

import dev.segue.enrichment.genre.EntityGenres;
import dev.segue.enrichment.genre.EntityType;
import dev.segue.enrichment.genre.GenreUsage;
import dev.segue.enrichment.service.GenreRecomputeService;
import dev.segue.enrichment.service.GenreService;
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

    private final GenreService genres;
    private final GenreRecomputeService recompute;

    GenreResource(GenreService genres, GenreRecomputeService recompute) {
        this.genres = genres;
        this.recompute = recompute;
    }

    /** The vocabulary with parents and usage counts, most used first; {@code used=true} hides unused genres. */
    @GET
    @Path("/genres")
    public List<GenreUsage> genres(@QueryParam("used") @DefaultValue("false") boolean used) {
        return genres.vocabulary(used);
    }

    /** Re-canonicalises stored raw tags and file tags (after a vocabulary or config change); makes no external call. */
    @POST
    @Path("/genres/recompute")
    public GenreRecomputeService.Result recompute() {
        return recompute.recompute();
    }

    @GET
    @Path("/artists/{id}/genres")
    public EntityGenres artist(@PathParam("id") long id) {
        return genres.of(EntityType.ARTIST, id);
    }

    @GET
    @Path("/albums/{id}/genres")
    public EntityGenres album(@PathParam("id") long id) {
        return genres.of(EntityType.ALBUM, id);
    }

    @GET
    @Path("/tracks/{id}/genres")
    public EntityGenres track(@PathParam("id") long id) {
        return genres.of(EntityType.TRACK, id);
    }
}
