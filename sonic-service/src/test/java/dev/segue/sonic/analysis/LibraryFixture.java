package dev.segue.sonic.analysis;

import dev.segue.sonic.audio.TestAudio;
import io.agroal.api.AgroalDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/** Inserts library rows (artists, tracks) for tests, each with unique names and paths. */
public final class LibraryFixture {

    private final AgroalDataSource dataSource;
    private final Path dir;
    private final long artistId;

    public LibraryFixture(AgroalDataSource dataSource) throws IOException, SQLException {
        this.dataSource = dataSource;
        this.dir = Files.createTempDirectory("sonic-test");
        String name = "Test Artist " + UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO artists (name, name_key, sort_name) VALUES (?, ?, ?) RETURNING id")) {
            ps.setString(1, name);
            ps.setString(2, name.toLowerCase());
            ps.setString(3, name.toLowerCase());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                artistId = rs.getLong(1);
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /** A 20 s stereo 44.1 kHz click track WAV at {@code bpm}, registered as a present track. */
    public long clickTrack(double bpm) throws IOException, SQLException {
        Path file = TestAudio.clickWav(dir.resolve(UUID.randomUUID() + ".wav"), 44_100, 0, 20, bpm);
        return track(file, 20_000L);
    }

    /** A short click track (stereo 44.1 kHz WAV), for tests that need many tracks analysed quickly. */
    public long shortClickTrack(double seconds) throws IOException, SQLException {
        Path file = TestAudio.clickWav(dir.resolve(UUID.randomUUID() + ".wav"), 44_100, 0, seconds, 120);
        return track(file, Math.round(seconds * 1000));
    }

    public long track(Path file, Long durationMs) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO tracks (file_path, file_size, file_mtime, content_key, title, artist_id, duration_ms)
                     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
                     """)) {
            ps.setString(1, file.toString());
            ps.setLong(2, Files.exists(file) ? Files.size(file) : 0);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.setString(4, UUID.randomUUID().toString());
            ps.setString(5, file.getFileName().toString());
            ps.setLong(6, artistId);
            if (durationMs == null) {
                ps.setNull(7, java.sql.Types.INTEGER);
            } else {
                ps.setInt(7, durationMs.intValue());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Takes tracks out of every run's scope (as library-service does for a vanished file). */
    public void markMissing(Collection<Long> trackIds) throws SQLException {
        execute("UPDATE tracks SET status = 'missing', missing_since = now() WHERE id = ANY(?)",
                (Object) trackIds.toArray(Long[]::new));
    }

    public void execute(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        }
    }

    public long count(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
