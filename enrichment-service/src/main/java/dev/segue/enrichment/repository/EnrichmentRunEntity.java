package dev.segue.enrichment.repository;

import dev.segue.commons.run.RunStatus;
import dev.segue.commons.run.RunStatusConverter;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code enrichment_runs}; {@link EnrichmentRunRepository} turns it into the domain record. */
@Entity
@Table(name = "enrichment_runs")
class EnrichmentRunEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String scope;

    @Column(nullable = false)
    boolean force;

    @Column(name = "item_limit")
    Integer limit;

    @Column(name = "all_tracks", nullable = false)
    boolean allTracks;

    /** Active ({@link RunStatus#ACTIVE}) for at most one run: a unique partial index allows one such row across replicas. */
    @Column(nullable = false)
    @Convert(converter = RunStatusConverter.class)
    RunStatus status;

    /** Per-source progress as JSON text, written as the run goes. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    String progress;

    String message;

    @Column(name = "created_at", nullable = false)
    OffsetDateTime createdAt;

    @Column(name = "started_at")
    OffsetDateTime startedAt;

    @Column(name = "finished_at")
    OffsetDateTime finishedAt;

    /** Written while the run works; an active run without a recent one was left by a process that died. */
    @Column(name = "heartbeat_at")
    OffsetDateTime heartbeatAt;
}
