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

/** A stored playlist; {@code request} is the request that built it, kept as JSON. */
@Entity
@Table(name = "playlists")
public class Playlist extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String request;

    @Column(name = "genre_only", nullable = false)
    public boolean genreOnly;

    public String notes;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
