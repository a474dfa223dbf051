package dev.segue.playlist.repository;

import dev.segue.playlist.delivery.LocalTrack;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads of library-service's {@code tracks} for delivery and mixes (JDBC: whole lists at a time). */
@ApplicationScoped
public class TrackRepository {

    private static final String TRACK_COLUMNS = """
            t.id, t.file_path, t.mbid_recording::text, ar.name, t.title, t.duration_ms
            FROM tracks t JOIN artists ar ON ar.id = t.artist_id""";

    private final DataSource dataSource;

    TrackRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A stored playlist's tracks in order, with what a push matches them by. */
    public List<LocalTrack> ofPlaylist(long playlistId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + TRACK_COLUMNS
                     + " JOIN playlist_tracks pt ON pt.track_id = t.id WHERE pt.playlist_id = ? ORDER BY pt.position")) {
            ps.setLong(1, playlistId);
            return read(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the tracks of playlist " + playlistId, e);
        }
    }

    /** Every present library track (the target check counts how many the server has). */
    public List<LocalTrack> present() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + TRACK_COLUMNS + " WHERE t.missing_since IS NULL")) {
            return read(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the library's tracks", e);
        }
    }

    /** Present library tracks added in the last {@code days} days, newest first. */
    public List<Long> addedWithin(int days) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT id FROM tracks WHERE missing_since IS NULL AND created_at >= now() - make_interval(days => ?)
                     ORDER BY created_at DESC, id DESC""")) {
            ps.setInt(1, days);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the tracks added in the last " + days + " days", e);
        }
    }

    private static List<LocalTrack> read(PreparedStatement ps) throws SQLException {
        List<LocalTrack> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int ms = rs.getInt(6);
                Integer seconds = rs.wasNull() ? null : Math.round(ms / 1000f);
                out.add(new LocalTrack(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), seconds));
            }
        }
        return out;
    }
}
