package dev.segue.sonic.service;

import dev.segue.sonic.config.SonicConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;

/**
 * Every poll-interval, the automatic check: retires older analyzer versions once the library is
 * upgraded, and starts a "pending" run when tracks wait and none is active, so a lost notification
 * costs one interval. Scheduled at start-up only when auto-run is on and poll-interval is above 0, so
 * that otherwise it never fires.
 */
@ApplicationScoped
public class AutoRunScheduler {

    static final String JOB = "sonic-auto-run";

    private final AnalysisWorkerPool workers;
    private final SonicConfig config;
    private final Scheduler scheduler;

    AutoRunScheduler(AnalysisWorkerPool workers, SonicConfig config, Scheduler scheduler) {
        this.workers = workers;
        this.config = config;
        this.scheduler = scheduler;
    }

    void onStart(@Observes StartupEvent event) {
        every(config).ifPresent(every -> scheduler.newJob(JOB)
                .setInterval(every.toString())
                .setDelayed(every.toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> workers.startPendingRunIfNeeded())
                .schedule());
    }

    /** The interval of the check; empty when auto-run is off or poll-interval is 0. */
    static Optional<Duration> every(SonicConfig config) {
        return config.autoRun() && config.pollInterval().isPositive() ? Optional.of(config.pollInterval()) : Optional.empty();
    }
}
