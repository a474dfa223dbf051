package dev.segue.enrichment.service;

import dev.segue.commons.problem.ProblemException;
import dev.segue.enrichment.run.EnrichmentRun;
import dev.segue.enrichment.run.RunRequest;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Refreshes stale data: periodically starts a run of scope {@code all}; it only fetches entities
 * whose next attempt has come (TTL for found genres, negative-cache period, error back-off).
 */
@ApplicationScoped
class RefreshScheduler {

    private static final Logger LOG = Logger.getLogger(RefreshScheduler.class);

    private final EnrichmentRunService runs;

    RefreshScheduler(EnrichmentRunService runs) {
        this.runs = runs;
    }

    @Scheduled(every = "${segue.enrichment.refresh.every}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            EnrichmentRun run = runs.start(new RunRequest("all", false, null, false));
            LOG.infof("Scheduled enrichment refresh started as run %d", run.id());
        } catch (ProblemException busy) {
            LOG.debugf("Scheduled refresh skipped: %s", busy.getMessage());
        }
    }
}
