package dev.segue.playlist.repository;

import dev.segue.playlist.playlist.Entry;
import dev.segue.playlist.playlist.ListedTrack;
import dev.segue.playlist.playlist.Scores;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The {@code playlist_tracks} rows, in JDBC: a playlist's tracks are written in one statement and read joined with the
 * library's current metadata. Inside a transaction the connection is the transaction's, so a playlist's row and its
 * tracks are stored together.
 */
@ApplicationScoped
public class PlaylistTrackRepository {

    private static final String TRACKS_SQL = """
            SELECT pt.position, pt.track_id, t.title, ar.name, al.title, t.duration_ms, pt.sonic_score, pt.genre_score,
                   pt.transition_score, pt.total_score, pt.sonic_missing, pt.seed, t.file_path
            FROM playlist_tracks pt
            JOIN tracks t ON t.id = pt.track_id
            JOIN artists ar ON ar.id = t.artist_id
            LEFT JOIN albums al ON al.id = t.album_id
            WHERE pt.playlist_id = ?
            ORDER BY pt.position""";

    private final DataSource dataSource;

    PlaylistTrackRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A stored track with the file an M3U line points to. */
    public record StoredTrack(ListedTrack track, String path) {
    }

    /** How many tracks a playlist holds and how long they play. */
    public record Totals(int trackCount, long durationSeconds) {
    }

    /**
     * Replaces the playlist's tracks by {@code entries}, in their order: one INSERT over arrays, not a batch of one
     * row each (under 16 clients, the 50 row inserts of every playlist were most of PostgreSQL's work).
     */
    public void replace(long playlistId, List<Entry> entries) {
        int n = entries.size();
        Long[] tracks = new Long[n];
        Float[] sonic = new Float[n];
        Float[] genre = new Float[n];
        Float[] transition = new Float[n];
        Float[] total = new Float[n];
        Boolean[] missing = new Boolean[n];
        Boolean[] seed = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            tracks[i] = e.trackId();
            sonic[i] = score(e.sonic());
            genre[i] = score(e.genre());
            transition[i] = score(e.transition());
            total[i] = score(e.total());
            missing[i] = e.sonicMissing();
            seed[i] = e.seed();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement del = c.prepareStatement("DELETE FROM playlist_tracks WHERE playlist_id = ?");
             PreparedStatement ins = c.prepareStatement("""
                     INSERT INTO playlist_tracks (playlist_id, position, track_id, sonic_score, genre_score, transition_score,
                                                  total_score, sonic_missing, seed)
                     SELECT ?, u.n - 1, u.track, u.sonic, u.genre, u.transition, u.total, u.missing, u.seed
                     FROM unnest(?::bigint[], ?::real[], ?::real[], ?::real[], ?::real[], ?::boolean[], ?::boolean[])
                          WITH ORDINALITY AS u (track, sonic, genre, transition, total, missing, seed, n)""")) {
            del.setLong(1, playlistId);
            del.executeUpdate();
            if (n == 0) {
                return;
            }
            ins.setLong(1, playlistId);
            ins.setArray(2, c.createArrayOf("bigint", tracks));
            ins.setArray(3, c.createArrayOf("real", sonic));
            ins.setArray(4, c.createArrayOf("real", genre));
            ins.setArray(5, c.createArrayOf("real", transition));
            ins.setArray(6, c.createArrayOf("real", total));
            ins.setArray(7, c.createArrayOf("boolean", missing));
            ins.setArray(8, c.createArrayOf("boolean", seed));
            ins.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the tracks of playlist " + playlistId, e);
        }
    }

    private static Float score(double x) {
        return Double.isNaN(x) ? null : (float) x;
    }

    /** The playlist's tracks in order (none for a playlist that does not exist). */
    public List<StoredTrack> tracks(long playlistId) {
        List<StoredTrack> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TRACKS_SQL)) {
            ps.setLong(1, playlistId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int ms = rs.getInt(6);
                    Integer seconds = rs.wasNull() ? null : Math.round(ms / 1000f);
                    Scores scores = Scores.of(nullable(rs, 7), nullable(rs, 8), nullable(rs, 9), nullable(rs, 10));
                    out.add(new StoredTrack(new ListedTrack(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), seconds, scores, rs.getBoolean(11), rs.getBoolean(12), List.of()), rs.getString(13)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the tracks of playlist " + playlistId, e);
        }
        return out;
    }

    private static Double nullable(ResultSet rs, int column) throws SQLException {
        float v = rs.getFloat(column);
        return rs.wasNull() ? null : (double) v;
    }

    /** The totals of each of {@code playlistIds} that holds tracks. */
    public Map<Long, Totals> totals(Collection<Long> playlistIds) {
        Map<Long, Totals> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT pt.playlist_id, count(*), COALESCE(sum(round(t.duration_ms / 1000.0)), 0)
                     FROM playlist_tracks pt JOIN tracks t ON t.id = pt.track_id
                     WHERE pt.playlist_id = ANY (?)
                     GROUP BY pt.playlist_id""")) {
            ps.setArray(1, c.createArrayOf("bigint", playlistIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new Totals(rs.getInt(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the tracks of playlists " + playlistIds, e);
        }
        return out;
    }
}
