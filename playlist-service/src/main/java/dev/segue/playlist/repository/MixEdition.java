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

/** One renewal of a mix (table {@code mix_editions}); {@code results} is the list of {@link dev.segue.playlist.mix.TargetOutcome} as JSON. */
@Entity
@Table(name = "mix_editions")
public class MixEdition extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "mix_id", nullable = false)
    public Long mixId;

    @Column(nullable = false)
    public Integer number;

    @Column(name = "playlist_id")
    public Long playlistId;

    @Column(nullable = false)
    public String trigger;

    @Column(nullable = false)
    public Integer tracks;

    @Column(nullable = false)
    public Integer fresh;

    public String notes;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String results;

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;

    @Column(name = "finished_at", nullable = false)
    public OffsetDateTime finishedAt;
}
