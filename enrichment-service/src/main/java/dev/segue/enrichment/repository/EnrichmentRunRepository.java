package dev.segue.enrichment.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segue.commons.database.DatabaseOutage;
import dev.segue.enrichment.run.EnrichmentRun;
import dev.segue.enrichment.run.RunRequest;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** {@code enrichment_runs}: one row per run, its status and per-source progress as JSON. */
@ApplicationScoped
public class EnrichmentRunRepository {

    private static final String COLUMNS = "id, scope, force, item_limit, all_tracks, status, progress::text, message, created_at, started_at, finished_at";

    private final AgroalDataSource db;
    private final ObjectMapper json;

    EnrichmentRunRepository(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Tells a database outage from a failure and waits it out, logging to {@code log}. */
    public DatabaseOutage outage(Logger log) {
        return new DatabaseOutage(db, log);
    }

    /** @return the new run's id, or empty when another run is active (the unique index says so, across replicas) */
    public Optional<Long> insertQueued(RunRequest request) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO enrichment_runs (scope, force, item_limit, all_tracks, status, heartbeat_at)
                VALUES (?, ?, ?, ?, 'queued', now()) ON CONFLICT DO NOTHING RETURNING id""")) {
            ps.setString(1, request.scope());
            ps.setBoolean(2, request.forced());
            ps.setObject(3, request.limit());
            ps.setBoolean(4, request.everyTrack());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create an enrichment run: " + e.getMessage(), e);
        }
    }

    /** Runs left active by a process that died (no heartbeat for {@code after}) become failed. */
    public int failAbandoned(Duration after) {
        return update("""
                UPDATE enrichment_runs SET status = 'failed', finished_at = now(),
                    message = 'interrupted: the process running it stopped; start a new run to resume where it left off'
                WHERE status IN ('queued', 'running') AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => ?))""",
                after.toSeconds());
    }

    public void started(long id) {
        update("UPDATE enrichment_runs SET status = 'running', started_at = now(), heartbeat_at = now() WHERE id = ?", id);
    }

    public void heartbeat(long id) {
        update("UPDATE enrichment_runs SET heartbeat_at = now() WHERE id = ? AND status IN ('queued', 'running')", id);
    }

    public void progress(long id, Object progress) {
        update("UPDATE enrichment_runs SET progress = ?::jsonb, heartbeat_at = now() WHERE id = ?", toJson(progress), id);
    }

    public void finished(long id, String status, Object progress, String message) {
        update("UPDATE enrichment_runs SET status = ?, progress = ?::jsonb, message = ?, finished_at = now(), heartbeat_at = now() WHERE id = ?",
                status, toJson(progress), message, id);
    }

    public Optional<EnrichmentRun> find(long id) {
        List<EnrichmentRun> runs = select("SELECT " + COLUMNS + " FROM enrichment_runs WHERE id = ?", id);
        return runs.stream().findFirst();
    }

    public List<EnrichmentRun> latest(int limit) {
        return select("SELECT " + COLUMNS + " FROM enrichment_runs ORDER BY id DESC LIMIT ?", limit);
    }

    public Optional<EnrichmentRun> active() {
        return select("SELECT " + COLUMNS + " FROM enrichment_runs WHERE status IN ('queued', 'running') LIMIT ?", 1).stream().findFirst();
    }

    private List<EnrichmentRun> select(String sql, Object param) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            List<EnrichmentRun> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new EnrichmentRun(rs.getLong(1), rs.getString(2), rs.getBoolean(3), (Integer) rs.getObject(4), rs.getBoolean(5),
                            rs.getString(6), json.readTree(rs.getString(7)), rs.getString(8), rs.getObject(9, OffsetDateTime.class),
                            rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class)));
                }
            }
            return runs;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not read enrichment runs: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update an enrichment run: " + e.getMessage(), e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
