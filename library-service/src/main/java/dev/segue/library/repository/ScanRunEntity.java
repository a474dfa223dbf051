package dev.segue.library.repository;

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

/** A row of {@code scan_runs}; {@link ScanRunRepository} turns it into the domain record. */
@Entity
@Table(name = "scan_runs")
class ScanRunEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    String[] roots;

    @Column(nullable = false)
    String trigger;

    @Column(nullable = false)
    @Convert(converter = RunStatusConverter.class)
    RunStatus status;

    int discovered;
    int processed;
    @Column(name = "new_tracks")
    int newTracks;
    @Column(name = "updated_tracks")
    int updated;
    int unchanged;
    int moved;
    int missing;
    int errors;

    /** Files passed over, by extension: {@code skippedExtensions[i]} was seen {@code skippedCounts[i]} times. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "skipped_extensions", nullable = false)
    String[] skippedExtensions;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "skipped_counts", nullable = false)
    Integer[] skippedCounts;

    String message;

    @Column(name = "started_at", nullable = false)
    OffsetDateTime startedAt;

    @Column(name = "finished_at")
    OffsetDateTime finishedAt;
}
