package dev.segue.playlist.service;

import dev.segue.commons.database.DatabaseOutage;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Renews due mixes every {@code segue.mixes.poll-interval}. Safe with several replicas: each due mix is claimed
 * with {@code FOR UPDATE SKIP LOCKED} and its next due time set in the same transaction
 * ({@link dev.segue.playlist.repository.MixRepository#claimDue}).
 */
@ApplicationScoped
class MixScheduler {

    private static final Logger LOG = Logger.getLogger(MixScheduler.class);

    private final MixService mixes;

    MixScheduler(MixService mixes) {
        this.mixes = mixes;
    }

    @Scheduled(identity = "mixes", every = "${segue.mixes.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewDue() {
        try {
            mixes.renewDue();
        } catch (RuntimeException e) {
            if (DatabaseOutage.isOutage(e)) {
                LOG.warnf("Mixes not renewed: the database is unavailable (%s); due mixes are renewed once it is back",
                        DatabaseOutage.reason(e));
            } else {
                LOG.warnf(e, "Looking for due mixes failed");
            }
        }
    }
}
