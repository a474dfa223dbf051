package dev.segue.enrichment.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segue.commons.paging.Page;
import dev.segue.commons.run.RunStatus;
import dev.segue.enrichment.run.EnrichmentRun;
import dev.segue.enrichment.run.RunRequest;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/**
 * {@code enrichment_runs}, one row at a time through {@link EnrichmentRunEntity}. Each call joins the caller's
 * transaction or, called from the run's own threads, is one. Changes are updates of the columns they mean, so a
 * heartbeat or a progress write never puts back a status another replica changed (a cancel).
 */
@ApplicationScoped
@Transactional
public class EnrichmentRunRepository {

    private static final String ABANDONED = "interrupted: the process running it stopped; start a new run to resume where it left off";

    private final ObjectMapper json;

    EnrichmentRunRepository(ObjectMapper json) {
        this.json = json;
    }

    /** @return the new run's id, or empty when another run is active (the unique index says so, across replicas) */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Long> insertQueued(RunRequest request) {
        EnrichmentRunEntity run = new EnrichmentRunEntity();
        run.scope = request.scope();
        run.force = request.forced();
        run.limit = request.limit();
        run.allTracks = request.everyTrack();
        run.status = RunStatus.QUEUED;
        run.progress = "{}";
        run.createdAt = OffsetDateTime.now();
        run.heartbeatAt = run.createdAt;
        try {
            run.persistAndFlush();
            return Optional.of(run.id);
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                // the transaction is marked for rollback: it ends without the row
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Runs left active by a process that died (no heartbeat for {@code after}) become failed. */
    public int failAbandoned(Duration after) {
        OffsetDateTime now = OffsetDateTime.now();
        return EnrichmentRunEntity.update("status = ?1, finishedAt = ?2, message = ?3 "
                + "where status in ?4 and (heartbeatAt is null or heartbeatAt < ?5)",
                RunStatus.FAILED, now, ABANDONED, RunStatus.ACTIVE, now.minus(after));
    }

    public void started(long id) {
        OffsetDateTime now = OffsetDateTime.now();
        EnrichmentRunEntity.update("status = ?1, startedAt = ?2, heartbeatAt = ?2 where id = ?3", RunStatus.RUNNING, now, id);
    }

    public void heartbeat(long id) {
        EnrichmentRunEntity.update("heartbeatAt = ?1 where id = ?2 and status in ?3", OffsetDateTime.now(), id, RunStatus.ACTIVE);
    }

    public void progress(long id, Object progress) {
        EnrichmentRunEntity.update("progress = ?1, heartbeatAt = ?2 where id = ?3", toJson(progress), OffsetDateTime.now(), id);
    }

    public void finished(long id, RunStatus status, Object progress, String message) {
        OffsetDateTime now = OffsetDateTime.now();
        EnrichmentRunEntity.update("status = ?1, progress = ?2, message = ?3, finishedAt = ?4, heartbeatAt = ?4 where id = ?5",
                status, toJson(progress), message, now, id);
    }

    /** Cancels the run if it is still active; false when it ended meanwhile. */
    public boolean cancel(long id, String message) {
        return EnrichmentRunEntity.update("status = ?1, message = ?2, finishedAt = ?3 where id = ?4 and status in ?5",
                RunStatus.CANCELLED, message, OffsetDateTime.now(), id, RunStatus.ACTIVE) > 0;
    }

    public Optional<EnrichmentRun> find(long id) {
        return EnrichmentRunEntity.<EnrichmentRunEntity>findByIdOptional(id).map(this::run);
    }

    /** Newest first; {@code page} counts from 0. */
    public Page<EnrichmentRun> newest(int page, int size) {
        List<EnrichmentRun> items = EnrichmentRunEntity.<EnrichmentRunEntity>findAll(Sort.descending("id")).page(page, size)
                .stream().map(this::run).toList();
        return new Page<>(items, page, size, EnrichmentRunEntity.count());
    }

    public Optional<EnrichmentRun> active() {
        return EnrichmentRunEntity.<EnrichmentRunEntity>find("status in ?1", RunStatus.ACTIVE).firstResultOptional().map(this::run);
    }

    private EnrichmentRun run(EnrichmentRunEntity e) {
        try {
            return new EnrichmentRun(e.id, e.scope, e.force, e.limit, e.allTracks, e.status, json.readTree(e.progress), e.message,
                    e.createdAt, e.startedAt, e.finishedAt);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Enrichment run " + e.id + " has unreadable progress: " + ex.getMessage(), ex);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
