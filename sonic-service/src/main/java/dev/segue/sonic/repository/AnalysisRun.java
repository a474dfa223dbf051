package dev.segue.sonic.repository;

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

/** A requested analysis run: which tracks it covers and how far it got. */
@Entity
@Table(name = "analysis_runs")
public class AnalysisRun extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String scope;

    @Column(nullable = false)
    public boolean force;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "track_ids")
    public Long[] trackIds;

    /** Active ({@link RunStatus#ACTIVE}) for at most one run: the unique partial index allows one such row. */
    @Column(nullable = false)
    @Convert(converter = RunStatusConverter.class)
    public RunStatus status;

    public int total;
    public int done;
    public int failed;
    public String message;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
