package dev.segue.library.rest;

import dev.segue.library.migration.MigrationsView;
import dev.segue.library.service.MigrationService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/admin/migrations")
@Produces(MediaType.APPLICATION_JSON)
public class MigrationResource {

    private final MigrationService migrations;

    MigrationResource(MigrationService migrations) {
        this.migrations = migrations;
    }

    /** Applied and pending schema migrations (a dry run: nothing is applied) and the last backup taken before one. */
    @GET
    public MigrationsView migrations() {
        return migrations.report();
    }
}
