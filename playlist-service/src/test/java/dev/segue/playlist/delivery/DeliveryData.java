package dev.segue.playlist.delivery;

import dev.segue.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Library tracks with chosen paths and tags, and stored playlists of them, for the delivery tests. */
final class DeliveryData implements AutoCloseable {

    private final Connection c;

    DeliveryData() {
        TestDatabase db = TestDatabase.get();
        try {
            c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long artist(String name) {
        return one("""
                INSERT INTO artists (name, name_key, sort_name) VALUES (?, ?, ?)
                ON CONFLICT (name_key) DO UPDATE SET name = EXCLUDED.name RETURNING id""", name, name.toLowerCase(), name.toLowerCase());
    }

    long track(String path, String artist, String title, int seconds, String mbid) {
        return one("""
                INSERT INTO tracks (file_path, file_size, file_mtime, title, artist_id, duration_ms, mbid_recording)
                VALUES (?, 1000, now(), ?, ?, ?, ?::uuid)
                ON CONFLICT (file_path) DO UPDATE SET title = EXCLUDED.title, artist_id = EXCLUDED.artist_id,
                    duration_ms = EXCLUDED.duration_ms, mbid_recording = EXCLUDED.mbid_recording
                RETURNING id""", path, title, artist(artist), seconds * 1000, mbid);
    }

    long playlist(String name, List<Long> tracks) {
        long id = one("INSERT INTO playlists (name, request) VALUES (?, '{}'::jsonb) RETURNING id", name);
        order(id, tracks);
        return id;
    }

    /** Gives a stored playlist new contents, as an edit in Segue would. */
    void order(long playlist, List<Long> tracks) {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM playlist_tracks WHERE playlist_id = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO playlist_tracks (playlist_id, position, track_id) VALUES (?, ?, ?)")) {
            del.setLong(1, playlist);
            del.executeUpdate();
            for (int i = 0; i < tracks.size(); i++) {
                ins.setLong(1, playlist);
                ins.setInt(2, i);
                ins.setLong(3, tracks.get(i));
                ins.addBatch();
            }
            ins.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long one(String sql, Object... args) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
