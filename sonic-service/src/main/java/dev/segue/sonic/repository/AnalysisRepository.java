package dev.segue.sonic.repository;

import dev.segue.sonic.analysis.TrackAnalyzer;
import dev.segue.sonic.features.FeatureLayout;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC over sonic_analyses, sonic_segments and sonic_claims (and reads of tracks). Callers
 * provide the transaction; every method joins it.
 */
@ApplicationScoped
public class AnalysisRepository {

    public record TrackRef(long id, String filePath, Long durationMs, String contentKey, String status) {
    }

    public record StoredAnalysis(long trackId, int analyzerVersion, String status, String error, String decoder,
                                 String contentKey, Long durationMs, Long analysisMs, OffsetDateTime analyzedAt,
                                 List<StoredSegment> segments) {
    }

    public record StoredSegment(String segment, Long startMs, Long lengthMs, float[] features) {
    }

    public record FailureRow(long trackId, String filePath, String status, String error) {
    }

    public record Counts(long present, long ok, long failed, long unsupported, long pending, long claimed,
                         long olderVersionOnly) {
    }

    private static final int VERSION = FeatureLayout.ANALYZER_VERSION;

    /**
     * A present track needs work when it has no analysis of the current version, its file content
     * changed since, the decoder that failed on it has been replaced, or the run retries/forces it.
     */
    private static final String NEEDS_WORK = """
            t.status = 'present'
            AND (CAST(? AS bigint[]) IS NULL OR t.id = ANY(CAST(? AS bigint[])))
            AND (a.track_id IS NULL
                 OR a.content_key IS DISTINCT FROM t.content_key
                 OR (a.status <> 'ok' AND a.decoder IS DISTINCT FROM ?)
                 OR (? AND a.status <> 'ok' AND a.analyzed_at < ?)
                 OR (? AND a.analyzed_at < ?))
            """;

    private final AgroalDataSource dataSource;

    AnalysisRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private int bindScope(PreparedStatement ps, int index, WorkScope scope, String decoder) throws SQLException {
        Connection c = ps.getConnection();
        Array ids = scope.trackIds() == null ? null : c.createArrayOf("bigint", scope.trackIds());
        ps.setArray(index++, ids);
        ps.setArray(index++, ids);
        ps.setString(index++, decoder);
        Timestamp since = scope.since() == null ? new Timestamp(0) : Timestamp.from(scope.since().toInstant());
        ps.setBoolean(index++, scope.retryNotOk());
        ps.setTimestamp(index++, since);
        ps.setBoolean(index++, scope.force());
        ps.setTimestamp(index++, since);
        return index;
    }

    /** Tracks in the scope that still need work, claimed or not. */
    public long countWork(WorkScope scope, String decoder) {
        String sql = "SELECT count(*) FROM tracks t LEFT JOIN sonic_analyses a ON a.track_id = t.id"
                + " AND a.analyzer_version = " + VERSION + " WHERE " + NEEDS_WORK;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bindScope(ps, 1, scope, decoder);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting work failed", e);
        }
    }

    /**
     * Claims up to {@code limit} tracks for {@code worker}: rows locked by another replica's claim
     * transaction are skipped, live leases are respected, expired leases (a dead worker) are taken over.
     */
    public List<TrackRef> claim(WorkScope scope, String decoder, String worker, Duration lease, int limit) {
        String sql = """
                WITH candidates AS (
                    SELECT t.id FROM tracks t
                    LEFT JOIN sonic_analyses a ON a.track_id = t.id AND a.analyzer_version = %d
                    WHERE %s
                      AND NOT EXISTS (SELECT 1 FROM sonic_claims c WHERE c.track_id = t.id AND c.lease_until > now())
                    ORDER BY t.id
                    LIMIT ?
                    FOR UPDATE OF t SKIP LOCKED
                ), claimed AS (
                    INSERT INTO sonic_claims (track_id, worker, claimed_at, lease_until)
                    SELECT id, ?, now(), now() + ? * interval '1 millisecond' FROM candidates
                    ON CONFLICT (track_id) DO UPDATE
                        SET worker = EXCLUDED.worker, claimed_at = EXCLUDED.claimed_at, lease_until = EXCLUDED.lease_until
                        WHERE sonic_claims.lease_until <= now()
                    RETURNING track_id
                )
                SELECT t.id, t.file_path, t.duration_ms, t.content_key, t.status
                FROM tracks t JOIN claimed c ON c.track_id = t.id ORDER BY t.id
                """.formatted(VERSION, NEEDS_WORK);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindScope(ps, 1, scope, decoder);
            ps.setInt(i++, limit);
            ps.setString(i++, worker);
            ps.setLong(i, lease.toMillis());
            return readTracks(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("claiming tracks failed", e);
        }
    }

    /** @return the claims released: those of {@code trackIds} that {@code worker} still held */
    public int releaseClaims(String worker, List<Long> trackIds) {
        if (trackIds.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "DELETE FROM sonic_claims WHERE worker = ? AND track_id = ANY(?)")) {
            ps.setString(1, worker);
            ps.setArray(2, c.createArrayOf("bigint", trackIds.toArray(Long[]::new)));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("releasing claims failed", e);
        }
    }

    /**
     * Extends the lease of the claims {@code worker} made within {@code maxAge}: called while the replica
     * lives, so its claims outlast the longest batch and expire when it is gone, or when a batch has
     * run far beyond what its timeouts allow (a stuck worker thread must not hold its tracks forever).
     *
     * @return the claims renewed
     */
    public int renewClaims(String worker, Duration lease, Duration maxAge) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     UPDATE sonic_claims SET lease_until = now() + ? * interval '1 millisecond'
                     WHERE worker = ? AND claimed_at > now() - ? * interval '1 millisecond'
                     """)) {
            ps.setLong(1, lease.toMillis());
            ps.setString(2, worker);
            ps.setLong(3, maxAge.toMillis());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("renewing claims failed", e);
        }
    }

    public long liveClaims() {
        return single("SELECT count(*) FROM sonic_claims WHERE lease_until > now()");
    }

    public Optional<TrackRef> findTrack(long trackId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, file_path, duration_ms, content_key, status FROM tracks WHERE id = ?")) {
            ps.setLong(1, trackId);
            return readTracks(ps).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("reading track " + trackId + " failed", e);
        }
    }

    /**
     * Writes the analysis of the current version (replacing an earlier one of the same version). Older
     * versions stay: readers keep using them until every track has been re-analysed (see
     * {@link #retireOlderVersions()}).
     *
     * @return false when the track no longer exists
     */
    public boolean save(TrackRef track, TrackAnalyzer.Outcome outcome) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sonic_analyses (track_id, analyzer_version, status, error, decoder, content_key,
                                                duration_ms, analysis_ms, analyzed_at)
                    SELECT ?, ?, ?, ?, ?, ?, ?, ?, now() WHERE EXISTS (SELECT 1 FROM tracks WHERE id = ?)
                    ON CONFLICT (track_id, analyzer_version) DO UPDATE SET status = EXCLUDED.status,
                        error = EXCLUDED.error, decoder = EXCLUDED.decoder, content_key = EXCLUDED.content_key,
                        duration_ms = EXCLUDED.duration_ms, analysis_ms = EXCLUDED.analysis_ms, analyzed_at = now()
                    """)) {
                ps.setLong(1, track.id());
                ps.setInt(2, VERSION);
                ps.setString(3, outcome.status());
                ps.setString(4, outcome.error());
                ps.setString(5, outcome.decoder());
                ps.setString(6, track.contentKey());
                setInt(ps, 7, outcome.durationMs());
                setInt(ps, 8, outcome.analysisMs());
                ps.setLong(9, track.id());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM sonic_segments WHERE track_id = ? AND analyzer_version = ?")) {
                ps.setLong(1, track.id());
                ps.setInt(2, VERSION);
                ps.executeUpdate();
            }
            if (!outcome.segments().isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO sonic_segments (track_id, analyzer_version, segment, start_ms, length_ms, features)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)) {
                    for (TrackAnalyzer.SegmentResult s : outcome.segments()) {
                        ps.setLong(1, track.id());
                        ps.setInt(2, VERSION);
                        ps.setString(3, s.segment());
                        setInt(ps, 4, s.startMs());
                        setInt(ps, 5, s.lengthMs());
                        Float[] boxed = new Float[s.features().length];
                        for (int i = 0; i < boxed.length; i++) {
                            boxed[i] = s.features()[i];
                        }
                        ps.setArray(6, c.createArrayOf("float4", boxed));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("saving the analysis of track " + track.id() + " failed", e);
        }
    }

    /**
     * Once an analyzer upgrade is complete (the current version is in {@code sonic_readable_versions}: no
     * present track is left with an older analysis only),
     * deletes every older analysis, segments with them. Until then readers stay on the older version,
     * so playlists keep every track's sonic data during an upgrade instead of shrinking to the
     * re-analysed tracks. Missing tracks' older analyses go too: readers have switched and cannot use
     * them, and kept they would send readers back to the old version the day such a track returns
     * (it is analysed again then, like any track without a current analysis).
     *
     * @return the analyses deleted
     */
    public int retireOlderVersions() {
        String sql = """
                DELETE FROM sonic_analyses
                WHERE analyzer_version < %1$d
                  AND EXISTS (SELECT 1 FROM sonic_readable_versions WHERE analyzer_version = %1$d)
                """.formatted(VERSION);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("retiring older analyzer versions failed", e);
        }
    }

    /** The newest analysis of a track: the current version, else the newest older one still kept. */
    public Optional<StoredAnalysis> findAnalysis(long trackId) {
        try (Connection c = dataSource.getConnection()) {
            StoredAnalysis found = null;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT track_id, analyzer_version, status, error, decoder, content_key, duration_ms, analysis_ms,
                           analyzed_at
                    FROM sonic_analyses WHERE track_id = ? ORDER BY analyzer_version DESC LIMIT 1
                    """)) {
                ps.setLong(1, trackId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found = new StoredAnalysis(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), longOrNull(rs, 7), longOrNull(rs, 8),
                                rs.getObject(9, OffsetDateTime.class), new ArrayList<>());
                    }
                }
            }
            if (found == null) {
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT segment, start_ms, length_ms, features FROM sonic_segments
                    WHERE track_id = ? AND analyzer_version = ?
                    ORDER BY array_position(ARRAY['beginning', 'middle', 'end', 'average'], segment)
                    """)) {
                ps.setLong(1, trackId);
                ps.setInt(2, found.analyzerVersion());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Float[] boxed = (Float[]) rs.getArray(4).getArray();
                        float[] features = new float[boxed.length];
                        for (int i = 0; i < boxed.length; i++) {
                            features[i] = boxed[i];
                        }
                        found.segments().add(new StoredSegment(rs.getString(1), longOrNull(rs, 2),
                                longOrNull(rs, 3), features));
                    }
                }
            }
            return Optional.of(found);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the analysis of track " + trackId + " failed", e);
        }
    }

    /**
     * Tracks whose current analysis failed or was unsupported since {@code since}, newest first; only
     * {@code trackIds} unless null. The track filter is applied before the limit, so a run's own failures
     * are not crowded out by newer ones of other tracks.
     */
    public List<FailureRow> failuresSince(OffsetDateTime since, Long[] trackIds, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT a.track_id, t.file_path, a.status, a.error FROM sonic_analyses a
                     JOIN tracks t ON t.id = a.track_id
                     WHERE a.analyzer_version = ? AND a.status <> 'ok' AND a.analyzed_at >= ?
                       AND (CAST(? AS bigint[]) IS NULL OR a.track_id = ANY(CAST(? AS bigint[])))
                     ORDER BY a.analyzed_at DESC LIMIT ?
                     """)) {
            Array ids = trackIds == null ? null : c.createArrayOf("bigint", trackIds);
            ps.setInt(1, VERSION);
            ps.setTimestamp(2, Timestamp.from(since.toInstant()));
            ps.setArray(3, ids);
            ps.setArray(4, ids);
            ps.setInt(5, limit);
            List<FailureRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new FailureRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading failures failed", e);
        }
    }

    public Counts counts(String decoder) {
        String sql = """
                SELECT count(*),
                       count(*) FILTER (WHERE a.status = 'ok' AND a.content_key IS NOT DISTINCT FROM t.content_key),
                       count(*) FILTER (WHERE a.status = 'failed'),
                       count(*) FILTER (WHERE a.status = 'unsupported'),
                       count(*) FILTER (WHERE a.track_id IS NULL AND EXISTS
                           (SELECT 1 FROM sonic_analyses o WHERE o.track_id = t.id AND o.analyzer_version < %d))
                FROM tracks t LEFT JOIN sonic_analyses a ON a.track_id = t.id AND a.analyzer_version = %d
                WHERE t.status = 'present'
                """.formatted(VERSION, VERSION);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                    countWork(WorkScope.pending(), decoder), liveClaims(), rs.getLong(5));
        } catch (SQLException e) {
            throw new IllegalStateException("counting analyses failed", e);
        }
    }

    private long single(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    private static List<TrackRef> readTracks(PreparedStatement ps) throws SQLException {
        List<TrackRef> tracks = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tracks.add(new TrackRef(rs.getLong(1), rs.getString(2), longOrNull(rs, 3), rs.getString(4),
                        rs.getString(5)));
            }
        }
        return tracks;
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static void setInt(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, (int) Math.min(Integer.MAX_VALUE, value));
        }
    }
}
