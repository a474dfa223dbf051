package dev.segue.sonic.service;

import dev.segue.commons.problem.ProblemException;
import dev.segue.sonic.analysis.AnalysisRun;
import dev.segue.sonic.analysis.TrackAnalyzer;
import dev.segue.sonic.audio.DecoderRegistry;
import dev.segue.sonic.features.FeatureLayout;
import dev.segue.sonic.repository.AnalysisRepository;
import dev.segue.sonic.repository.WorkScope;
import dev.segue.sonic.rest.AnalysisRunRequest;
import dev.segue.sonic.rest.AnalysisRunView;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Creates, tracks and finishes analysis runs; the worker pool does the work. */
@ApplicationScoped
public class AnalysisRunService {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String CANCELLED = "cancelled";
    private static final List<String> ACTIVE = List.of("queued", RUNNING);
    private static final int FAILURES_SHOWN = 100;
    private static final Logger LOG = Logger.getLogger(AnalysisRunService.class);

    private final AnalysisRepository repository;
    private final DecoderRegistry decoders;

    AnalysisRunService(AnalysisRepository repository, DecoderRegistry decoders) {
        this.repository = repository;
        this.decoders = decoders;
    }

    @Transactional
    public AnalysisRunView start(AnalysisRunRequest request) {
        boolean byIds = "trackIds".equals(request.scope());
        if (byIds && (request.trackIds() == null || request.trackIds().isEmpty())) {
            throw ProblemException.badRequest("scope trackIds needs a non-empty trackIds list");
        }
        if (!byIds && request.trackIds() != null && !request.trackIds().isEmpty()) {
            throw ProblemException.badRequest("trackIds is only allowed with scope trackIds");
        }
        if (decoders.selected().isEmpty()) {
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE,
                    "no decoder can run: " + decoders.unavailableReason());
        }
        Optional<AnalysisRun> active = active();
        if (active.isPresent()) {
            throw ProblemException.conflict("analysis run " + active.get().id + " is already active; poll "
                    + "/api/analysis/runs/" + active.get().id + " or cancel it first");
        }
        boolean force = Boolean.TRUE.equals(request.force());
        AnalysisRun run = new AnalysisRun();
        run.scope = byIds ? "track_ids" : request.scope();
        run.force = force;
        run.trackIds = byIds ? request.trackIds().stream().distinct().toArray(Long[]::new) : null;
        run.createdAt = OffsetDateTime.now();
        run.startedAt = run.createdAt;
        run.status = RUNNING;
        run.total = (int) repository.countWork(scope(run), decoderName());
        if (run.total == 0) {
            run.status = COMPLETED;
            run.finishedAt = run.createdAt;
            run.message = "nothing to analyse";
        }
        try {
            run.persistAndFlush();
        } catch (PersistenceException e) {
            // another replica started a run between our check and our insert (unique active index)
            throw ProblemException.conflict("another analysis run became active at the same moment");
        }
        return view(run, false);
    }

    @Transactional
    public AnalysisRunView cancel(long id) {
        AnalysisRun run = lock(id);
        if (run == null) {
            throw ProblemException.notFound("analysis run " + id + " does not exist");
        }
        if (ACTIVE.contains(run.status)) {
            run.status = CANCELLED;
            run.finishedAt = OffsetDateTime.now();
            run.message = "cancelled; tracks already analysed are kept";
        }
        return view(run, true);
    }

    @Transactional
    public AnalysisRunView get(long id) {
        return view(find(id), true);
    }

    @Transactional
    public List<AnalysisRunView> list(int limit) {
        return AnalysisRun.<AnalysisRun>findAll(Sort.descending("id")).page(0, limit).list().stream()
                .map(r -> view(r, false)).toList();
    }

    @Transactional
    public Optional<AnalysisRun> active() {
        return AnalysisRun.<AnalysisRun>find("status in ?1", ACTIVE).firstResultOptional();
    }

    /** Marks the run completed when nothing in its scope needs work any more. */
    @Transactional
    public boolean finishIfDone(long id) {
        AnalysisRun run = lock(id);
        if (run == null || !RUNNING.equals(run.status)) {
            return true;
        }
        if (repository.countWork(scope(run), decoderName()) > 0) {
            return false;
        }
        run.status = COMPLETED;
        run.finishedAt = OffsetDateTime.now();
        run.total = Math.max(run.total, run.done);
        retireOlderVersions();
        return true;
    }

    /** Deletes older analyzer versions once every track has the current one; readers then switch. */
    @Transactional
    public void retireOlderVersions() {
        int retired = repository.retireOlderVersions();
        if (retired > 0) {
            LOG.infof("Every track is analysed by analyzer version %d: removed %d analyses of older versions",
                    FeatureLayout.ANALYZER_VERSION, retired);
        }
    }

    @Transactional
    public void recordResult(long runId, AnalysisRepository.TrackRef track, TrackAnalyzer.Outcome outcome,
                             String worker) {
        repository.save(track, outcome);
        if (repository.releaseClaims(worker, List.of(track.id())) == 0) {
            // the lease ran out (a long database outage) and another worker took the track: it counts it
            return;
        }
        AnalysisRun.update("done = done + 1, failed = failed + ?1, total = greatest(total, done + 1) where id = ?2",
                TrackAnalyzer.OK.equals(outcome.status()) ? 0 : 1, runId);
    }

    /** Stores an analysis made outside any run (a synchronous request). */
    @Transactional
    public void recordResult(AnalysisRepository.TrackRef track, TrackAnalyzer.Outcome outcome) {
        repository.save(track, outcome);
    }

    @Transactional
    public boolean isRunning(long id) {
        AnalysisRun run = AnalysisRun.findById(id);
        return run != null && RUNNING.equals(run.status);
    }

    public static WorkScope scope(AnalysisRun run) {
        boolean retry = !"pending".equals(run.scope);
        return new WorkScope(run.trackIds, retry, run.force, retry || run.force ? run.createdAt : null);
    }

    private String decoderName() {
        return decoders.selected().map(d -> d.name()).orElse(null);
    }

    /**
     * Hibernate writes back every column of a changed run, {@code done} included: without the row lock a
     * result recorded between the read and the flush was lost (a run completed at 15 of 16 tracks).
     */
    private static AnalysisRun lock(long id) {
        return AnalysisRun.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    private static AnalysisRun find(long id) {
        AnalysisRun run = AnalysisRun.findById(id);
        if (run == null) {
            throw ProblemException.notFound("analysis run " + id + " does not exist");
        }
        return run;
    }

    private AnalysisRunView view(AnalysisRun run, boolean withFailures) {
        OffsetDateTime end = run.finishedAt != null ? run.finishedAt : OffsetDateTime.now();
        double seconds = run.startedAt == null ? 0 : Duration.between(run.startedAt, end).toMillis() / 1000.0;
        double rate = seconds > 0 ? run.done / seconds : 0;
        int remaining = ACTIVE.contains(run.status) ? Math.max(0, run.total - run.done) : 0;
        Long eta = ACTIVE.contains(run.status) && rate > 0 ? Math.round(remaining / rate) : null;
        List<AnalysisRunView.Failure> failures = withFailures && run.startedAt != null
                ? repository.failuresSince(run.startedAt, run.trackIds, FAILURES_SHOWN).stream()
                        .map(f -> new AnalysisRunView.Failure(f.trackId(), f.filePath(), f.status(), f.error()))
                        .toList()
                : null;
        return new AnalysisRunView(run.id, "track_ids".equals(run.scope) ? "trackIds" : run.scope, run.force,
                run.trackIds == null ? null : List.of(run.trackIds), run.status, run.total, run.done, run.failed,
                remaining, Math.round(rate * 100) / 100.0, eta, run.message, run.createdAt, run.startedAt,
                run.finishedAt, failures);
    }
}
