package dev.segue.library.rest;

import dev.segue.commons.paging.Page;
import dev.segue.library.catalog.PurgeResult;
import dev.segue.library.catalog.TrackFilter;
import dev.segue.library.service.CatalogService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/tracks")
@Produces(MediaType.APPLICATION_JSON)
public class TrackResource {

    private final CatalogService catalog;

    TrackResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GET
    public Page<TrackView> list(@QueryParam("artist") String artist, @QueryParam("album") String album,
            @QueryParam("genre") String genre, @QueryParam("q") String q, @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return catalog.tracks(new TrackFilter(blankToNull(artist), blankToNull(album), blankToNull(genre), blankToNull(q),
                blankToNull(status)), page, size).map(TrackView::of);
    }

    @GET
    @Path("/{id}")
    public TrackView get(@PathParam("id") long id) {
        return TrackView.of(catalog.track(id));
    }

    /** The only way tracks are deleted: missing ones, missing since before {@code olderThan}. */
    @DELETE
    @Path("/missing")
    public PurgeResult purgeMissing(@QueryParam("olderThan") String olderThan) {
        return catalog.purgeMissing(olderThan);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
