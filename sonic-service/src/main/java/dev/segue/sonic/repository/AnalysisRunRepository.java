package dev.segue.sonic.repository;

import dev.segue.commons.paging.Page;
import dev.segue.commons.run.RunStatus;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Optional;

/** The runs (analysis_runs), one row at a time through their Panache entity; joins the caller's transaction. */
@ApplicationScoped
public class AnalysisRunRepository {

    public Optional<AnalysisRun> find(long id) {
        return AnalysisRun.findByIdOptional(id);
    }

    /**
     * The run with its row locked until the transaction ends. Hibernate writes back every column of a
     * changed run, {@code done} included: without the row lock a result recorded between the read and the
     * flush was lost (a run completed at 15 of 16 tracks).
     */
    public Optional<AnalysisRun> lock(long id) {
        return AnalysisRun.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<AnalysisRun> active() {
        return AnalysisRun.<AnalysisRun>find("status in ?1", RunStatus.ACTIVE).firstResultOptional();
    }

    /** Newest first; {@code page} counts from 0. */
    public Page<AnalysisRun> newest(int page, int size) {
        List<AnalysisRun> items = AnalysisRun.<AnalysisRun>findAll(Sort.descending("id")).page(page, size).list();
        return new Page<>(items, page, size, AnalysisRun.count());
    }

    /** @return false when another run is active already (the unique active index refused the row) */
    public boolean insert(AnalysisRun run) {
        try {
            run.persistAndFlush();
            return true;
        } catch (PersistenceException e) {
            return false;
        }
    }

    /** Counts one analysed track of the run in the database, so concurrent workers never lose a count. */
    public void countDone(long runId, boolean failed) {
        AnalysisRun.update("done = done + 1, failed = failed + ?1, total = greatest(total, done + 1) where id = ?2",
                failed ? 1 : 0, runId);
    }
}
