package dev.segue.library.rest;

import dev.segue.commons.paging.Page;
import dev.segue.library.service.CatalogService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/albums")
@Produces(MediaType.APPLICATION_JSON)
public class AlbumResource {

    private final CatalogService catalog;

    AlbumResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GET
    public Page<AlbumView> list(@QueryParam("artist") String artist, @QueryParam("q") String q,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return catalog.albums(TrackResource.blankToNull(artist), TrackResource.blankToNull(q), page, size).map(AlbumView::of);
    }
}
