package dev.segue.library.rest;

import dev.segue.library.service.CatalogService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final CatalogService catalog;

    StatsResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GET
    public LibraryStats stats() {
        return LibraryStats.of(catalog.stats());
    }
}
