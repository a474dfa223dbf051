package dev.segue.library.repository;

import dev.segue.commons.paging.Page;
import dev.segue.commons.run.RunStatus;
import dev.segue.library.scan.ScanCounts;
import dev.segue.library.scan.ScanRun;
import dev.segue.library.scan.SkippedFiles;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * {@code scan_runs}, one row at a time through {@link ScanRunEntity}. Each call joins the caller's transaction
 * or, called from the scan's own thread, is one. Changes are updates of the columns they mean, and the counts of
 * a run are written only while it runs: a cancel (from any replica) is never put back to running.
 */
@ApplicationScoped
@Transactional
public class ScanRunRepository {

    private static final String COUNTS = "discovered = :discovered, processed = :processed, newTracks = :newTracks, updated = :updated, "
            + "unchanged = :unchanged, moved = :moved, missing = :missing, errors = :errors, skippedExtensions = :skippedExtensions, "
            + "skippedCounts = :skippedCounts where id = :id";

    /** Serialises scan starts across threads and replicas; call inside the starting transaction. */
    public void lockScanStarts() {
        ScanRunEntity.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(7311001)").getSingleResult();
    }

    public List<ScanRun> running() {
        return ScanRunEntity.<ScanRunEntity>list("status", RunStatus.RUNNING).stream().map(ScanRunRepository::run).toList();
    }

    public long create(List<String> roots, String trigger) {
        ScanRunEntity run = new ScanRunEntity();
        run.roots = roots.toArray(String[]::new);
        run.trigger = trigger;
        run.status = RunStatus.RUNNING;
        run.skippedExtensions = new String[0];
        run.skippedCounts = new Integer[0];
        run.startedAt = OffsetDateTime.now();
        run.persist();
        return run.id;
    }

    /** @return false when the run is no longer running (cancelled): its counts stay as they were */
    public boolean progress(long id, ScanCounts counts) {
        return ScanRunEntity.update(COUNTS + " and status = :running", counts(id, counts).and("running", RunStatus.RUNNING)) > 0;
    }

    /** Records how a run ended; a run cancelled meanwhile keeps its status and message but gets its final counts. */
    public void finish(long id, RunStatus status, String message, ScanCounts counts) {
        ScanRunEntity.update(COUNTS, counts(id, counts));
        ScanRunEntity.update("status = ?1, message = ?2, finishedAt = ?3 where id = ?4 and status = ?5",
                status, message, OffsetDateTime.now(), id, RunStatus.RUNNING);
    }

    /** Cancels the run if it still runs; its scan stops at its next progress write. */
    public boolean cancel(long id, String message) {
        return ScanRunEntity.update("status = ?1, message = ?2, finishedAt = ?3 where id = ?4 and status = ?5",
                RunStatus.CANCELLED, message, OffsetDateTime.now(), id, RunStatus.RUNNING) > 0;
    }

    /** Runs left 'running' by a process that died can never finish: say so. */
    public int failInterrupted() {
        return ScanRunEntity.update("status = ?1, finishedAt = ?2, message = ?3 where status = ?4", RunStatus.FAILED, OffsetDateTime.now(),
                "Interrupted: the service stopped during this scan; the next scan continues where it ended.", RunStatus.RUNNING);
    }

    public Optional<ScanRun> find(long id) {
        return ScanRunEntity.<ScanRunEntity>findByIdOptional(id).map(ScanRunRepository::run);
    }

    /** Newest first; {@code page} counts from 0. */
    public Page<ScanRun> list(int page, int size) {
        List<ScanRun> items = ScanRunEntity.<ScanRunEntity>findAll(Sort.descending("id")).page(page, size).stream()
                .map(ScanRunRepository::run).toList();
        return new Page<>(items, page, size, ScanRunEntity.count());
    }

    private static Parameters counts(long id, ScanCounts counts) {
        return Parameters.with("id", id).and("discovered", counts.discovered()).and("processed", counts.processed())
                .and("newTracks", counts.newTracks()).and("updated", counts.updated()).and("unchanged", counts.unchanged())
                .and("moved", counts.moved()).and("missing", counts.missing()).and("errors", counts.errors())
                .and("skippedExtensions", counts.skipped().keySet().toArray(String[]::new))
                .and("skippedCounts", counts.skipped().values().toArray(Integer[]::new));
    }

    /** {@code asOf} is this process's clock, the one {@code startedAt} was written with. */
    private static ScanRun run(ScanRunEntity e) {
        return new ScanRun(e.id, List.of(e.roots), e.trigger, e.status, e.discovered, e.processed, e.newTracks, e.updated, e.unchanged,
                e.moved, e.missing, e.errors, SkippedFiles.of(e.skippedExtensions, e.skippedCounts), e.message, e.startedAt,
                e.finishedAt, OffsetDateTime.now());
    }
}
