package dev.segue.sonic.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/** Reads of library-service's tracks table (plain JDBC, joins the caller's transaction). */
@ApplicationScoped
public class TrackRepository {

    private final AgroalDataSource dataSource;

    TrackRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<TrackRef> findTrack(long trackId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, file_path, duration_ms, content_key, status FROM tracks WHERE id = ?")) {
            ps.setLong(1, trackId);
            return Jdbc.readTracks(ps).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("reading track " + trackId + " failed", e);
        }
    }

}
