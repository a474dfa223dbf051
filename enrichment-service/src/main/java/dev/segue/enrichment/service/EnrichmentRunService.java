package dev.segue.enrichment.service;

import dev.segue.commons.database.DatabaseOutage;
import dev.segue.commons.paging.Page;
import dev.segue.commons.problem.ProblemException;
import dev.segue.commons.run.ActiveRunConflict;
import dev.segue.commons.run.RunStatus;
import dev.segue.enrichment.client.SourceStatus;
import dev.segue.enrichment.config.EnrichmentConfig;
import dev.segue.enrichment.genre.EntityType;
import dev.segue.enrichment.genre.Source;
import dev.segue.enrichment.repository.EnrichmentRunRepository;
import dev.segue.enrichment.repository.EnrichmentStateRepository;
import dev.segue.enrichment.repository.GenreRepository;
import dev.segue.enrichment.repository.LibraryRepository;
import dev.segue.enrichment.run.EnrichmentRun;
import dev.segue.enrichment.run.RunRequest;
import dev.segue.enrichment.state.WorkFilter;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Starts, tracks and cancels enrichment runs. One run at a time across replicas (a unique index
 * on active runs); within a run each source works in its own thread, so Last.fm and MusicBrainz
 * proceed in parallel at their own rate limits. What to do is derived from {@code enrichment_state},
 * so a run killed at any point and started again repeats no finished call.
 */
@ApplicationScoped
public class EnrichmentRunService {

    private static final Logger LOG = Logger.getLogger(EnrichmentRunService.class);

    /** The run this process is executing. */
    private record ActiveRun(long id, AtomicBoolean cancelled, Map<Source, SourceProgress> progress, Future<?> task) {
    }

    private final EnrichmentRunRepository runs;
    private final EnrichmentStateRepository states;
    private final EnrichmentRecorder recorder;
    private final LibraryRepository library;
    private final SourceStatus status;
    private final GenreRepository genres;
    private final List<SourceEnricher> enrichers;
    private final EnrichmentConfig config;
    private final DatabaseOutage outage;
    private final String owner = "enrichment-" + UUID.randomUUID();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "enrichment-run");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "enrichment-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile ActiveRun active;

    EnrichmentRunService(EnrichmentRunRepository runs, EnrichmentStateRepository states, EnrichmentRecorder recorder,
            LibraryRepository library, SourceStatus status, GenreRepository genres, LastFmEnricher lastFm, MusicBrainzEnricher musicBrainz,
            EnrichmentConfig config) {
        this.runs = runs;
        this.states = states;
        this.recorder = recorder;
        this.library = library;
        this.status = status;
        this.genres = genres;
        this.enrichers = List.of(musicBrainz, lastFm);
        this.config = config;
        this.outage = states.outage(LOG);
    }

    /** Starts a run in the background; 409 when one is active (here or on another replica). */
    public EnrichmentRun start(RunRequest request) {
        runs.failAbandoned(config.work().staleRunAfter());
        long id = runs.insertQueued(request).orElseThrow(this::conflict);
        AtomicBoolean cancelled = new AtomicBoolean();
        Map<Source, SourceProgress> progress = new LinkedHashMap<>();
        for (SourceEnricher e : enrichers) {
            progress.put(e.source(), new SourceProgress(e.source(), status.calls(e.source())));
        }
        // independent of the work, so a long step (file genres, seeding) never looks like a dead process
        ScheduledFuture<?> beat = heartbeat.scheduleAtFixedRate(() -> beat(id), 2, 2, TimeUnit.SECONDS);
        synchronized (this) {
            Future<?> task = executor.submit(() -> {
                try {
                    execute(id, request, cancelled, progress);
                } finally {
                    beat.cancel(false);
                }
            });
            active = new ActiveRun(id, cancelled, progress, task);
        }
        return get(id);
    }

    public EnrichmentRun get(long id) {
        return runs.find(id).orElseThrow(() -> ProblemException.notFound("No enrichment run " + id + "."));
    }

    public Page<EnrichmentRun> list(int page, int size) {
        return runs.newest(page, size);
    }

    public Optional<EnrichmentRun> activeRun() {
        return runs.active();
    }

    /**
     * Cancels an active run (a finished one is returned unchanged) and waits briefly for its sources to stop;
     * their unfinished claims are given back.
     */
    public EnrichmentRun cancel(long id) {
        EnrichmentRun run = get(id);
        if (!run.status().active()) {
            return run;
        }
        ActiveRun current = active;
        if (current == null || current.id() != id) {
            // running on another replica (which sees the row within a second) or abandoned by a dead process
            runs.cancel(id, "cancelled");
            return get(id);
        }
        current.cancelled().set(true);
        try {
            current.task().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("Run %d is still stopping after 30 s", id);
        } catch (Exception e) {
            LOG.debugf(e, "Run %d ended with an error while cancelling", id);
        }
        return get(id);
    }

    /** 409 naming the active run; a run that won the race and ended already leaves nothing to name. */
    private ProblemException conflict() {
        return runs.active().<ProblemException>map(r -> new ActiveRunConflict(r.id(), "/api/enrichment/runs/" + r.id(),
                        "An enrichment run is already active (run " + r.id() + "); poll it or cancel it with DELETE /api/enrichment/runs/"
                                + r.id() + "."))
                .orElseGet(() -> ProblemException.conflict("Another enrichment run became active at the same moment and has ended; start again."));
    }

    private void beat(long id) {
        try {
            runs.heartbeat(id);
            states.extendClaims(owner, config.work().claimLease());
        } catch (RuntimeException e) {
            if (DatabaseOutage.isOutage(e)) {
                // every 2 s for as long as the outage lasts: the sources log it once
                LOG.debugf("Enrichment run %d: no heartbeat, the database is unavailable", id);
            } else {
                LOG.warnf("Enrichment run %d: heartbeat failed: %s", id, e.getMessage());
            }
        }
    }

    private void execute(long id, RunRequest request, AtomicBoolean cancelled, Map<Source, SourceProgress> progress) {
        RunStatus outcome = RunStatus.COMPLETED;
        String message = null;
        try {
            runs.started(id);
            int withFileGenres = genres.syncFileGenres();
            LOG.debugf("Run %d: %d tracks have genres from file tags", id, withFileGenres);
            WorkFilter filter = new WorkFilter(request.forced(), Instant.now(), request.everyTrack());
            List<EntityType> phases = phases(request.scope());
            List<Future<?>> workers = new ArrayList<>();
            for (SourceEnricher enricher : enrichers) {
                SourceShare share = new SourceShare(enricher, phases, request.limit(), progress.get(enricher.source()), cancelled::get);
                SourceClaims claims = new SourceClaims(states, enricher.source(), filter, owner, config.work().claimLease());
                SourceWorker worker = new SourceWorker(share, claims, new EntityFetcher(share, claims, library, recorder, status, outage),
                        status, config.work(), outage);
                if (status.enabled(enricher.source())) {
                    worker.plan();
                }
                workers.add(executor.submit(worker));
            }
            runs.progress(id, views(progress));
            for (Future<?> worker : workers) {
                while (true) {
                    try {
                        worker.get(1, TimeUnit.SECONDS);
                        break;
                    } catch (TimeoutException stillWorking) {
                        try {
                            runs.progress(id, views(progress));
                            // cancelled through another replica, which can only change the row
                            if (runs.find(id).filter(r -> r.status() == RunStatus.CANCELLED).isPresent()) {
                                cancelled.set(true);
                            }
                        } catch (RuntimeException e) {
                            if (!DatabaseOutage.isOutage(e)) {
                                throw e;
                            }
                            // the sources wait for the database; progress is written again once it is back
                        }
                    }
                }
            }
            if (cancelled.get()) {
                outcome = RunStatus.CANCELLED;
            } else if (progress.values().stream().anyMatch(p -> "failed".equals(p.view().state()))) {
                outcome = RunStatus.FAILED;
                message = "a source stopped on an unexpected error; see the progress and the log";
            } else {
                message = unreachableMessage(progress);
            }
        } catch (Exception e) {
            outcome = RunStatus.FAILED;
            if (DatabaseOutage.isOutage(e)) {
                LOG.errorf("Enrichment run %d failed: the database is unavailable (%s)", id, DatabaseOutage.reason(e));
                message = "the database was unavailable while the run started; start a new run once it is back (finished calls are not repeated)";
            } else {
                LOG.errorf(e, "Enrichment run %d failed", id);
                message = e.getMessage();
            }
        } finally {
            finish(id, outcome, views(progress), message);
            synchronized (this) {
                if (active != null && active.id() == id) {
                    active = null;
                }
            }
        }
    }

    /**
     * Records how the run ended, waiting for the database if it is away, so the run never stays 'running'
     * for nothing. If the service stops meanwhile, its heartbeat stops too and the next start marks the run abandoned.
     */
    private void finish(long id, RunStatus outcome, Map<String, SourceProgress.View> progress, String message) {
        outage.retry("the end of enrichment run " + id + " is recorded", () -> runs.finished(id, outcome, progress, message));
    }

    /**
     * An unreachable source ends the run as completed (it did all it could), with this message: which
     * source, why, and when it is asked again. Waiting instead would hold the one active run, and with it
     * every run and refresh, for a network that may not come back while the service runs.
     */
    private String unreachableMessage(Map<Source, SourceProgress> progress) {
        List<String> unreachable = new ArrayList<>();
        progress.forEach((source, p) -> {
            if ("unreachable".equals(p.view().state())) {
                unreachable.add(source.id() + " (" + status.unreachable(source).map(u -> u.cause()).orElse("connection failures") + ")");
            }
        });
        if (unreachable.isEmpty()) {
            return null;
        }
        return "no request reached " + String.join(" or ", unreachable) + "; their entities stay due: the next run tries again "
                + "(a scan that finds changes, the scheduled refresh, or POST /api/enrichment/runs)";
    }

    private Map<String, SourceProgress.View> views(Map<Source, SourceProgress> progress) {
        Map<String, SourceProgress.View> views = new LinkedHashMap<>();
        progress.forEach((source, p) -> {
            p.calls(status.calls(source));
            views.put(source.id(), p.view());
        });
        return views;
    }

    static List<EntityType> phases(String scope) {
        return switch (scope) {
            case "artists" -> List.of(EntityType.ARTIST);
            case "albums" -> List.of(EntityType.ALBUM);
            case "tracks" -> List.of(EntityType.TRACK);
            default -> List.of(EntityType.ARTIST, EntityType.ALBUM, EntityType.TRACK);
        };
    }

    /** A stopping service ends its run as cancelled and gives its claims back, so a restart resumes at once. */
    void onStop(@Observes ShutdownEvent event) {
        ActiveRun current = active;
        if (current != null) {
            current.cancelled().set(true);
            try {
                current.task().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warnf("Run %d did not stop cleanly: %s", current.id(), e.getMessage());
            }
        }
        executor.shutdown();
        heartbeat.shutdown();
    }
}
