package dev.segue.sonic.service;

import dev.segue.commons.paging.Page;
import dev.segue.commons.problem.ProblemException;
import dev.segue.commons.run.ActiveRunConflict;
import dev.segue.commons.run.RunRate;
import dev.segue.commons.run.RunStatus;
import dev.segue.sonic.analysis.DecoderRegistry;
import dev.segue.sonic.analysis.TrackAnalyzer;
import dev.segue.sonic.features.FeatureLayout;
import dev.segue.sonic.repository.AnalysisRepository;
import dev.segue.sonic.repository.AnalysisRun;
import dev.segue.sonic.repository.AnalysisRunRepository;
import dev.segue.sonic.repository.ClaimRepository;
import dev.segue.sonic.repository.TrackRef;
import dev.segue.sonic.repository.WorkScope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Creates, tracks and finishes analysis runs; the worker pool does the work. */
@ApplicationScoped
public class AnalysisRunService {

    private static final int FAILURES_SHOWN = 100;
    private static final Logger LOG = Logger.getLogger(AnalysisRunService.class);

    private final AnalysisRunRepository runs;
    private final AnalysisRepository analyses;
    private final ClaimRepository claims;
    private final DecoderRegistry decoders;

    AnalysisRunService(AnalysisRunRepository runs, AnalysisRepository analyses, ClaimRepository claims,
                       DecoderRegistry decoders) {
        this.runs = runs;
        this.analyses = analyses;
        this.claims = claims;
        this.decoders = decoders;
    }

    @Transactional
    public RunProgress start(RunRequest request) {
        boolean byIds = "trackIds".equals(request.scope());
        if (byIds && (request.trackIds() == null || request.trackIds().isEmpty())) {
            throw ProblemException.badRequest("scope trackIds needs a non-empty trackIds list");
        }
        if (!byIds && request.trackIds() != null && !request.trackIds().isEmpty()) {
            throw ProblemException.badRequest("trackIds is only allowed with scope trackIds");
        }
        if (decoders.selected().isEmpty()) {
            throw noDecoder(decoders);
        }
        Optional<AnalysisRun> active = active();
        if (active.isPresent()) {
            throw conflict(active.get().id);
        }
        AnalysisRun run = new AnalysisRun();
        run.scope = byIds ? "track_ids" : request.scope();
        run.force = request.force();
        run.trackIds = byIds ? request.trackIds().stream().distinct().toArray(Long[]::new) : null;
        run.createdAt = OffsetDateTime.now();
        run.startedAt = run.createdAt;
        run.status = RunStatus.RUNNING;
        run.total = (int) analyses.countWork(scope(run), decoderName());
        if (run.total == 0) {
            run.status = RunStatus.COMPLETED;
            run.finishedAt = run.createdAt;
            run.message = "nothing to analyse";
        }
        if (!runs.insert(run)) {
            // another replica started a run between our check and our insert (unique active index); this
            // transaction is spoilt by the refused insert, so the run that won is read in a new one
            Optional<AnalysisRun> winner = QuarkusTransaction.requiringNew().call(runs::active);
            throw winner.<ProblemException>map(r -> conflict(r.id)).orElseGet(() -> new ProblemException(409, "Conflict",
                    "another analysis run became active at the same moment and is over already; start again"));
        }
        return progress(run, false);
    }

    @Transactional
    public RunProgress cancel(long id) {
        AnalysisRun run = runs.lock(id).orElseThrow(() -> notFound(id));
        if (run.status.active()) {
            run.status = RunStatus.CANCELLED;
            run.finishedAt = OffsetDateTime.now();
            run.message = "cancelled; tracks already analysed are kept";
        }
        return progress(run, true);
    }

    @Transactional
    public RunProgress get(long id) {
        return progress(runs.find(id).orElseThrow(() -> notFound(id)), true);
    }

    @Transactional
    public Page<RunProgress> list(int page, int size) {
        return runs.newest(page, size).map(r -> progress(r, false));
    }

    @Transactional
    public Optional<AnalysisRun> active() {
        return runs.active();
    }

    /** Marks the run completed when nothing in its scope needs work any more. */
    @Transactional
    public boolean finishIfDone(long id) {
        AnalysisRun run = runs.lock(id).orElse(null);
        if (run == null || run.status != RunStatus.RUNNING) {
            return true;
        }
        if (analyses.countWork(scope(run), decoderName()) > 0) {
            return false;
        }
        run.status = RunStatus.COMPLETED;
        run.finishedAt = OffsetDateTime.now();
        run.total = Math.max(run.total, run.done);
        retireOlderVersions();
        return true;
    }

    /** Deletes older analyzer versions once every track has the current one; readers then switch. */
    @Transactional
    public void retireOlderVersions() {
        int retired = analyses.retireOlderVersions();
        if (retired > 0) {
            LOG.infof("Every track is analysed by analyzer version %d: removed %d analyses of older versions",
                    FeatureLayout.ANALYZER_VERSION, retired);
        }
    }

    @Transactional
    public void recordResult(long runId, TrackRef track, TrackAnalyzer.Outcome outcome, String worker) {
        analyses.save(track, outcome);
        if (claims.releaseClaims(worker, List.of(track.id())) == 0) {
            // the lease ran out (a long database outage) and another worker took the track: it counts it
            return;
        }
        runs.countDone(runId, !TrackAnalyzer.OK.equals(outcome.status()));
    }

    /** Stores an analysis made outside any run (a synchronous request). */
    @Transactional
    public void recordResult(TrackRef track, TrackAnalyzer.Outcome outcome) {
        analyses.save(track, outcome);
    }

    @Transactional
    public boolean isRunning(long id) {
        return runs.find(id).filter(run -> run.status == RunStatus.RUNNING).isPresent();
    }

    public static WorkScope scope(AnalysisRun run) {
        boolean retry = !"pending".equals(run.scope);
        return new WorkScope(run.trackIds, retry, run.force, retry || run.force ? run.createdAt : null);
    }

    /** 503: the configured decoder cannot run here; the detail says what to fix. */
    static ProblemException noDecoder(DecoderRegistry decoders) {
        return new ProblemException(503, "Service Unavailable", "no decoder can run: " + decoders.unavailableReason());
    }

    private String decoderName() {
        return decoders.selected().map(d -> d.name()).orElse(null);
    }

    /** 409 naming the active run, which a client can poll or cancel instead. */
    private static ActiveRunConflict conflict(long activeId) {
        return new ActiveRunConflict(activeId, "/api/analysis/runs/" + activeId, "analysis run " + activeId
                + " is already active; poll /api/analysis/runs/" + activeId + " or cancel it first (DELETE)");
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("analysis run " + id + " does not exist");
    }

    private RunProgress progress(AnalysisRun run, boolean withFailures) {
        OffsetDateTime end = run.finishedAt != null ? run.finishedAt : OffsetDateTime.now();
        boolean active = run.status.active();
        int remaining = active ? Math.max(0, run.total - run.done) : 0;
        RunRate rate = RunRate.of(run.done, run.total, run.startedAt == null ? Duration.ZERO : Duration.between(run.startedAt, end), active);
        List<RunProgress.Failure> failures = withFailures && run.startedAt != null
                ? analyses.failuresSince(run.startedAt, run.trackIds, FAILURES_SHOWN).stream()
                        .map(f -> new RunProgress.Failure(f.trackId(), f.filePath(), f.status(), f.error()))
                        .toList()
                : null;
        return new RunProgress(run.id, "track_ids".equals(run.scope) ? "trackIds" : run.scope, run.force,
                run.trackIds == null ? null : List.of(run.trackIds), run.status, run.total, run.done, run.failed,
                remaining, rate.ratePerSecond(), rate.etaSeconds(), run.message, run.createdAt, run.startedAt,
                run.finishedAt, failures);
    }
}
