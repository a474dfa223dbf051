package dev.segue.library.service;

import dev.segue.commons.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** Incremental rescans on a cron ({@code segue.library.scan.cron}, {@code off} to disable), one run per root. */
@ApplicationScoped
class ScanScheduler {

    private static final Logger LOG = Logger.getLogger(ScanScheduler.class);

    private final ScanService scans;

    ScanScheduler(ScanService scans) {
        this.scans = scans;
    }

    @Scheduled(identity = "library-rescan", cron = "${segue.library.scan.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rescan() {
        for (Path root : scans.configuredRoots()) {
            try {
                scans.start(root.toString(), "schedule");
            } catch (ProblemException e) {
                LOG.infof("Scheduled rescan of %s skipped: %s", root, e.getMessage());
            }
        }
    }
}
