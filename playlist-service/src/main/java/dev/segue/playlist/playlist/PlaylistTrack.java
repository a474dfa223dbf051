package dev.segue.playlist.playlist;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** One position of a stored playlist with the scores it was chosen by (null = not applicable). */
@Entity
@Table(name = "playlist_tracks")
@IdClass(PlaylistTrack.Key.class)
public class PlaylistTrack extends PanacheEntityBase {

    @Id
    @Column(name = "playlist_id")
    public Long playlistId;

    @Id
    public Integer position;

    @Column(name = "track_id", nullable = false)
    public Long trackId;

    @Column(name = "sonic_score")
    public Float sonicScore;

    @Column(name = "genre_score")
    public Float genreScore;

    @Column(name = "transition_score")
    public Float transitionScore;

    @Column(name = "total_score")
    public Float totalScore;

    @Column(name = "sonic_missing", nullable = false)
    public boolean sonicMissing;

    @Column(nullable = false)
    public boolean seed;

    /** Composite key (playlist, position). */
    public record Key(Long playlistId, Integer position) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
