package dev.segue.sonic.service;

import dev.segue.commons.database.DatabaseOutage;
import dev.segue.sonic.analysis.DecoderRegistry;
import dev.segue.sonic.analysis.TrackAnalyzer;
import dev.segue.sonic.config.SonicConfig;
import dev.segue.sonic.repository.AnalysisRepository;
import dev.segue.commons.run.RunStatus;
import dev.segue.sonic.repository.AnalysisRun;
import dev.segue.sonic.repository.ClaimRepository;
import dev.segue.sonic.repository.TrackRef;
import dev.segue.sonic.repository.WorkScope;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Worker threads (cores by default) that help with the active run: claim a few tracks, analyse,
 * record, repeat. All coordination is in the database, so every replica runs the same loop and
 * they share the work; a killed replica's claims expire and are taken over.
 */
@ApplicationScoped
public class AnalysisWorkerPool {

    private static final Logger LOG = Logger.getLogger(AnalysisWorkerPool.class);
    private static final Duration BUSY_WAIT = Duration.ofMillis(500);
    /** With poll-interval 0 idle workers still look now and then, to help with runs other replicas start. */
    private static final Duration IDLE_WITHOUT_POLL = Duration.ofSeconds(30);
    private static final Duration MIN_RENEWAL = Duration.ofSeconds(1);
    private static final String RENEWAL_JOB = "sonic-claim-renewal";

    private final AnalysisRunService runs;
    private final ClaimRepository claims;
    private final AnalysisRepository analyses;
    private final DecoderRegistry decoders;
    private final SonicConfig config;
    private final DatabaseOutage outage;
    private final Scheduler scheduler;
    private final String workerId = newWorkerId();
    private final String renewalJob = RENEWAL_JOB + "-" + workerId;
    private final Duration abandonedAfter;
    /**
     * The tracks this replica's threads are working on: only these are renewed. A claim whose statement committed
     * while its answer was lost (the database went away mid-reply) belongs to no thread, and runs out with its lease.
     */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    AnalysisWorkerPool(AnalysisRunService runs, ClaimRepository claims, AnalysisRepository analyses,
                       DecoderRegistry decoders, SonicConfig config, AgroalDataSource dataSource, Scheduler scheduler) {
        this.outage = new DatabaseOutage(dataSource, LOG);
        this.scheduler = scheduler;
        this.runs = runs;
        this.claims = claims;
        this.analyses = analyses;
        this.decoders = decoders;
        this.config = config;
        this.abandonedAfter = TrackAnalyzer.abandonedAfter(config.claimBatch(), config.fileTimeout());
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        scheduler.newJob(renewalJob)
                .setInterval(renewalInterval(config.lease()).toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> renewClaims())
                .schedule();
        int count = config.workers().orElse(Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < count; i++) {
            Thread thread = Thread.ofPlatform().name("sonic-worker-" + i).daemon().unstarted(() -> {
                ThreadNiceness.lowerCurrentThread(config.workerNiceness());
                loop();
            });
            threads.add(thread);
            thread.start();
        }
        LOG.infof("Started %d analysis workers as %s", count, workerId);
    }

    /** How long an idle worker waits before it looks for an active run again (unless woken). */
    static Duration idleWait(SonicConfig config) {
        return config.pollInterval().isPositive() ? config.pollInterval() : IDLE_WITHOUT_POLL;
    }

    /** How often this replica renews its claims: a third of the lease, so one missed renewal costs nothing. */
    static Duration renewalInterval(Duration lease) {
        Duration third = lease.dividedBy(3);
        return third.compareTo(MIN_RENEWAL) < 0 ? MIN_RENEWAL : third;
    }

    /** Keeps this replica's claims alive however long a batch takes; a killed replica stops renewing. */
    void renewClaims() {
        if (!outage.reachable()) {
            return;
        }
        try {
            // a batch claimed longer ago than that has a stuck thread: its tracks must go back to the queue
            List<Long> working = List.copyOf(inFlight);
            if (!working.isEmpty()) {
                claims.renewClaims(workerId, working, config.lease(), abandonedAfter);
            }
        } catch (RuntimeException e) {
            if (!outage.explains(e)) {
                LOG.warnf(e, "Could not renew the claims of %s", workerId);
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        scheduler.unscheduleJob(renewalJob);
        running = false;
        threads.forEach(Thread::interrupt);
    }

    /** Wakes idle workers now instead of at the next poll (a run was just started here). */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    public String workerId() {
        return workerId;
    }

    public int threads() {
        return threads.size();
    }

    /**
     * The automatic check ({@link AutoRunScheduler}): retires older analyzer versions once the library is
     * upgraded, and starts a "pending" run when tracks wait and none is active.
     */
    void startPendingRunIfNeeded() {
        if (!outage.reachable()) {
            // an unreachable database is the workers' to report, once
            return;
        }
        // an upgrade finished outside a run (its last tracks analysed on request) is retired here
        runs.retireOlderVersions();
        if (decoders.selected().isEmpty() || runs.active().isPresent()) {
            return;
        }
        String decoder = decoders.selected().get().name();
        if (analyses.countWork(WorkScope.pending(), decoder) > 0) {
            try {
                runs.start(new RunRequest("pending", null, false));
                wake();
            } catch (RuntimeException e) {
                LOG.debugf("No automatic run started: %s", e.getMessage());
            }
        }
    }

    private void loop() {
        while (running) {
            try {
                if (!work()) {
                    idle(idleWait(config));
                }
            } catch (RuntimeException e) {
                if (outage.explains(e)) {
                    awaitDatabase(e);
                } else {
                    LOG.warnf(e, "Analysis worker error; retrying after a pause");
                    idle(Duration.ofSeconds(5));
                }
            }
        }
    }

    /** Holds the worker until the database is back; the run stays 'running' and continues then. */
    private void awaitDatabase(RuntimeException cause) {
        try {
            outage.await("analysis is paused and continues", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Stores one result; when the database is away, waits for it and stores the result then rather
     * than throw away a finished analysis and leave the track claimed until its lease runs out.
     */
    private void record(long runId, TrackRef track, TrackAnalyzer.Outcome outcome) {
        if (!outage.retry("analysis is paused and continues", () -> runs.recordResult(runId, track, outcome, workerId))) {
            running = false;
        }
    }

    /** @return true when there may be more work right away */
    private boolean work() {
        Optional<AnalysisRun> active = runs.active();
        Optional<TrackAnalyzer> analyzer = decoders.analyzer();
        if (active.isEmpty() || analyzer.isEmpty() || active.get().status != RunStatus.RUNNING) {
            return false;
        }
        AnalysisRun run = active.get();
        List<TrackRef> batch = claims.claim(AnalysisRunService.scope(run),
                analyzer.get().decoder().name(), workerId, config.lease(), config.claimBatch());
        if (batch.isEmpty()) {
            if (!runs.finishIfDone(run.id)) {
                // the rest is in other workers' hands; look again shortly (their lease may run out)
                idle(BUSY_WAIT);
            }
            return true;
        }
        List<Long> ids = batch.stream().map(TrackRef::id).toList();
        inFlight.addAll(ids);
        try {
            return analyse(run, analyzer.get(), batch, ids);
        } finally {
            inFlight.removeAll(ids);
        }
    }

    private boolean analyse(AnalysisRun run, TrackAnalyzer analyzer, List<TrackRef> batch, List<Long> ids) {
        if (!running || !runs.isRunning(run.id)) {
            claims.releaseClaims(workerId, ids);
            return true;
        }
        List<TrackAnalyzer.Outcome> outcomes = analyzer.analyseAll(batch.stream()
                .map(t -> new TrackAnalyzer.Input(Path.of(t.filePath()), t.durationMs())).toList());
        if (!running) {
            // shutting down interrupts decoders: that is not the tracks' fault, let another worker redo them
            claims.releaseClaims(workerId, ids);
            return false;
        }
        for (int i = 0; i < batch.size(); i++) {
            TrackRef track = batch.get(i);
            TrackAnalyzer.Outcome outcome = outcomes.get(i);
            if (!TrackAnalyzer.OK.equals(outcome.status())) {
                LOG.infof("Track %d (%s): %s — %s", track.id(), track.filePath(), outcome.status(), outcome.error());
            }
            record(run.id, track, outcome);
        }
        return true;
    }

    private void idle(Duration duration) {
        synchronized (signal) {
            try {
                signal.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private static String newWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        String pid = Long.toString(ManagementFactory.getRuntimeMXBean().getPid());
        return host + ":" + pid + ":" + UUID.randomUUID().toString().substring(0, 8);
    }
}
