package dev.segue.playlist.health;

import dev.segue.playlist.index.IndexService;
import dev.segue.playlist.index.IndexStats;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the index has been loaded from the database; reports its size. */
@Readiness
@ApplicationScoped
public class IndexHealthCheck implements HealthCheck {

    private final IndexService index;

    IndexHealthCheck(IndexService index) {
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        IndexStats stats = index.stats();
        return HealthCheckResponse.named("playlist index")
                .status(stats.lastRefresh() != null)
                .withData("tracks", stats.tracks())
                .withData("analysedTracks", stats.analysedTracks())
                .withData("analyzerVersion", stats.analyzerVersion())
                .build();
    }
}
