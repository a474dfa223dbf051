package dev.segue.sonic.repository;

import dev.segue.sonic.analysis.TrackAnalyzer;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC over sonic_analyses and sonic_segments: the results, written a track's analysis at a time
 * with its segments in one batch, and the queries over the whole library (work left, coverage,
 * failures). Callers provide the transaction; every method joins it.
 */
@ApplicationScoped
public class AnalysisRepository {

    public record StoredAnalysis(long trackId, int analyzerVersion, String status, String error, String decoder,
                                 String contentKey, Long durationMs, Long analysisMs, OffsetDateTime analyzedAt,
                                 List<StoredSegment> segments) {
    }

    public record StoredSegment(String segment, Long startMs, Long lengthMs, float[] features) {
    }

    public record FailureRow(long trackId, String filePath, String status, String error) {
    }

    /** Coverage of the present tracks by the current analyzer version. */
    public record Counts(long present, long ok, long failed, long unsupported, long olderVersionOnly) {
    }

    private static final int VERSION = PendingWork.VERSION;

    private final AgroalDataSource dataSource;

    AnalysisRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Tracks in the scope that still need work, claimed or not. */
    public long countWork(WorkScope scope, String decoder) {
        String sql = "SELECT count(*) FROM tracks t LEFT JOIN sonic_analyses a ON a.track_id = t.id"
                + " AND a.analyzer_version = " + VERSION + " WHERE " + PendingWork.NEEDS_WORK;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            PendingWork.bindScope(ps, 1, scope, decoder);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting work failed", e);
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
                Jdbc.setInt(ps, 7, outcome.durationMs());
                Jdbc.setInt(ps, 8, outcome.analysisMs());
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
                        Jdbc.setInt(ps, 4, s.startMs());
                        Jdbc.setInt(ps, 5, s.lengthMs());
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
                                rs.getString(5), rs.getString(6), Jdbc.longOrNull(rs, 7), Jdbc.longOrNull(rs, 8),
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
                        found.segments().add(new StoredSegment(rs.getString(1), Jdbc.longOrNull(rs, 2),
                                Jdbc.longOrNull(rs, 3), features));
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

    public Counts counts() {
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
            return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        } catch (SQLException e) {
            throw new IllegalStateException("counting analyses failed", e);
        }
    }

}
