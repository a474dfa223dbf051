package dev.segue.playlist.index;

import dev.segue.commons.database.DatabaseOutage;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Refreshes the index at start and every {@code segue.playlist.index.refresh-interval}; a failed poll keeps the old one. */
@ApplicationScoped
class IndexRefreshScheduler {

    private static final Logger LOG = Logger.getLogger(IndexRefreshScheduler.class);

    private final IndexService index;

    IndexRefreshScheduler(IndexService index) {
        this.index = index;
    }

    void onStart(@Observes StartupEvent event) {
        index.refresh();
    }

    @Scheduled(every = "${segue.playlist.index.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        try {
            index.refresh();
        } catch (RuntimeException e) {
            if (DatabaseOutage.isOutage(e)) {
                LOG.warnf("Index refresh skipped: the database is unavailable (%s); playlists come from the previous index",
                        DatabaseOutage.reason(e));
            } else {
                LOG.warnf(e, "Index refresh failed; keeping the previous index");
            }
        }
    }
}
