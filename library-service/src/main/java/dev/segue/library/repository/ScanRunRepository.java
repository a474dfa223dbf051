package dev.segue.library.repository;

import dev.segue.commons.paging.Page;
import dev.segue.library.scan.ScanCounts;
import dev.segue.library.scan.ScanError;
import dev.segue.library.scan.ScanRun;
import dev.segue.library.scan.SkippedFiles;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** scan_runs and scan_errors. */
@ApplicationScoped
public class ScanRunRepository {

    private static final String RUN_COLUMNS = "id, roots, trigger, status, discovered, processed, new_tracks, updated_tracks, "
            + "unchanged, moved, missing, errors, message, started_at, finished_at, now(), skipped_extensions, skipped_counts";

    private final AgroalDataSource dataSource;

    ScanRunRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Serialises scan starts across threads and replicas; call inside the starting transaction. */
    public void lockScanStarts() {
        execute("SELECT pg_advisory_xact_lock(7311001)");
    }

    public List<List<String>> runningRoots() {
        List<List<String>> roots = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT roots FROM scan_runs WHERE status = 'running'")) {
            while (rs.next()) {
                roots.add(Arrays.asList((String[]) rs.getArray(1).getArray()));
            }
            return roots;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long create(List<String> roots, String trigger) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO scan_runs (roots, trigger, status) VALUES (?, ?, 'running') RETURNING id")) {
            ps.setArray(1, c.createArrayOf("text", roots.toArray(String[]::new)));
            ps.setString(2, trigger);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void progress(long id, ScanCounts counts) {
        update(id, null, null, counts, false);
    }

    public void finish(long id, String status, String message, ScanCounts counts) {
        update(id, status, message, counts, true);
    }

    /** Runs left 'running' by a process that died can never finish: say so. */
    public int failInterrupted() {
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement()) {
            return st.executeUpdate("UPDATE scan_runs SET status = 'failed', finished_at = now(), "
                    + "message = 'Interrupted: the service stopped during this scan; the next scan continues where it ended.' "
                    + "WHERE status = 'running'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<ScanRun> find(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM scan_runs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(run(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Page<ScanRun> list(int page, int size) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS + ", count(*) OVER () FROM scan_runs "
                        + "ORDER BY id DESC LIMIT ? OFFSET ?")) {
            ps.setInt(1, size);
            ps.setLong(2, (long) page * size);
            List<ScanRun> items = new ArrayList<>();
            long total = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(run(rs));
                    total = rs.getLong(19);
                }
            }
            if (items.isEmpty()) {
                total = count(c, "SELECT count(*) FROM scan_runs", null);
            }
            return new Page<>(items, page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Page<ScanError> errors(long runId, int page, int size) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, path, reason, occurred_at FROM scan_errors "
                        + "WHERE scan_run_id = ? ORDER BY id LIMIT ? OFFSET ?")) {
            ps.setLong(1, runId);
            ps.setInt(2, size);
            ps.setLong(3, (long) page * size);
            List<ScanError> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new ScanError(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class)));
                }
            }
            long total = count(c, "SELECT count(*) FROM scan_errors WHERE scan_run_id = ?", runId);
            return new Page<>(items, page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(long id, String status, String message, ScanCounts counts, boolean finished) {
        String sql = "UPDATE scan_runs SET discovered = ?, processed = ?, new_tracks = ?, updated_tracks = ?, unchanged = ?, "
                + "moved = ?, missing = ?, errors = ?, skipped_extensions = ?, skipped_counts = ?"
                + (finished ? ", status = ?, message = ?, finished_at = now()" : "") + " WHERE id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, counts.discovered());
            ps.setInt(2, counts.processed());
            ps.setInt(3, counts.newTracks());
            ps.setInt(4, counts.updated());
            ps.setInt(5, counts.unchanged());
            ps.setInt(6, counts.moved());
            ps.setInt(7, counts.missing());
            ps.setInt(8, counts.errors());
            ps.setArray(9, c.createArrayOf("text", counts.skipped().keySet().toArray(String[]::new)));
            ps.setArray(10, c.createArrayOf("integer", counts.skipped().values().toArray(Integer[]::new)));
            int next = 11;
            if (finished) {
                ps.setString(next++, status);
                ps.setString(next++, message);
            }
            ps.setLong(next, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the progress of scan " + id, e);
        }
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection c, String sql, Long param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setLong(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static ScanRun run(ResultSet rs) throws SQLException {
        List<SkippedFiles> skipped = SkippedFiles.of((String[]) rs.getArray(17).getArray(), (Integer[]) rs.getArray(18).getArray());
        return new ScanRun(rs.getLong(1), Arrays.asList((String[]) rs.getArray(2).getArray()), rs.getString(3), rs.getString(4),
                rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12),
                skipped, rs.getString(13), rs.getObject(14, OffsetDateTime.class), rs.getObject(15, OffsetDateTime.class),
                rs.getObject(16, OffsetDateTime.class));
    }
}
