package dev.segue.playlist.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A stored mix (table {@code mixes}): {@code definition} is its {@link dev.segue.playlist.mix.MixRequest} with defaults applied and
 * {@code remoteIds} its playlist's id on each target, both kept as JSON.
 */
@Entity
@Table(name = "mixes")
public class Mix extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String definition;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "remote_ids", nullable = false)
    public String remoteIds;

    @Column(name = "next_run_at")
    public OffsetDateTime nextRunAt;

    @Column(name = "running_since")
    public OffsetDateTime runningSince;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
