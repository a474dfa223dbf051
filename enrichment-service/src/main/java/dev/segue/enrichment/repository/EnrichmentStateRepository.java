package dev.segue.enrichment.repository;

import dev.segue.commons.database.DatabaseOutage;
import dev.segue.enrichment.genre.EntityType;
import dev.segue.enrichment.genre.Source;
import dev.segue.enrichment.state.WorkFilter;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The work queue of enrichment, derived from {@code enrichment_state}: one row per (entity,
 * source), seeded as {@code pending}, claimed by lease with {@code FOR UPDATE SKIP LOCKED} so
 * replicas share the work, and closed with the fetch outcome and the time of the next attempt.
 */
@ApplicationScoped
public class EnrichmentStateRepository {

    private static final String DUE = """
            (c.claimed_until IS NULL OR c.claimed_until < now())
            AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= now()
                 OR (? AND (c.fetched_at IS NULL OR c.fetched_at < ?)))""";

    private static final String UNGENRED_TRACK = """
            EXISTS (SELECT 1 FROM tracks t WHERE t.id = c.entity_id AND t.status = 'present' AND (?
                OR (NOT EXISTS (SELECT 1 FROM artist_genres g WHERE g.artist_id = t.artist_id)
                    AND (t.album_id IS NULL OR NOT EXISTS (SELECT 1 FROM album_genres g WHERE g.album_id = t.album_id)))))""";

    private final AgroalDataSource db;

    /** Tells a database outage from a failure and waits it out, logging to {@code log}. */
    public DatabaseOutage outage(Logger log) {
        return new DatabaseOutage(db, log);
    }

    EnrichmentStateRepository(AgroalDataSource db) {
        this.db = db;
    }

    /** Creates {@code pending} rows for entities this source has never seen; safe to run concurrently. */
    public int seed(EntityType type, Source source, WorkFilter filter) {
        String where = switch (type) {
            case ARTIST, ALBUM -> "TRUE";
            case TRACK -> """
                    e.status = 'present' AND (? OR (NOT EXISTS (SELECT 1 FROM artist_genres g WHERE g.artist_id = e.artist_id)
                        AND (e.album_id IS NULL OR NOT EXISTS (SELECT 1 FROM album_genres g WHERE g.album_id = e.album_id))))""";
        };
        String sql = """
                INSERT INTO enrichment_state (entity_type, entity_id, source, status, next_attempt_at)
                SELECT ?, e.id, ?, 'pending', now() FROM %s e
                WHERE %s AND NOT EXISTS (SELECT 1 FROM enrichment_state s WHERE s.entity_type = ? AND s.entity_id = e.id AND s.source = ?)
                ON CONFLICT DO NOTHING""".formatted(type.table(), where);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, type.id());
            ps.setString(i++, source.id());
            if (type == EntityType.TRACK) {
                ps.setBoolean(i++, filter.allTracks());
            }
            ps.setString(i++, type.id());
            ps.setString(i, source.id());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not seed enrichment work: " + e.getMessage(), e);
        }
    }

    /** How many entities of this type are due for this source now. */
    public int countDue(EntityType type, Source source, WorkFilter filter) {
        String sql = "SELECT count(*) FROM enrichment_state c WHERE c.entity_type = ? AND c.source = ? AND " + DUE
                + (type == EntityType.TRACK ? " AND " + UNGENRED_TRACK : "");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindDue(ps, 1, type, source, filter);
            if (type == EntityType.TRACK) {
                ps.setBoolean(i, filter.allTracks());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count enrichment work: " + e.getMessage(), e);
        }
    }

    /** Claims up to {@code limit} due entities for {@code lease}; rows other workers hold are skipped. */
    public List<Long> claim(EntityType type, Source source, WorkFilter filter, int limit, String owner, Duration lease) {
        String sql = """
                UPDATE enrichment_state s SET claimed_by = ?, claimed_until = now() + make_interval(secs => ?)
                WHERE (s.entity_type, s.entity_id, s.source) IN (
                    SELECT c.entity_type, c.entity_id, c.source FROM enrichment_state c
                    WHERE c.entity_type = ? AND c.source = ? AND %s %s
                    ORDER BY c.entity_id LIMIT ? FOR UPDATE OF c SKIP LOCKED)
                RETURNING s.entity_id""".formatted(DUE, type == EntityType.TRACK ? " AND " + UNGENRED_TRACK : "");
        return claimWith(sql, type, source, filter, limit, owner, lease, false);
    }

    /**
     * Claims every due album of up to {@code artists} album artists at once, so one MusicBrainz
     * release-group browse per artist covers all of that artist's albums.
     */
    public List<Long> claimAlbumsByArtist(Source source, WorkFilter filter, int artists, String owner, Duration lease) {
        String sql = """
                UPDATE enrichment_state s SET claimed_by = ?, claimed_until = now() + make_interval(secs => ?)
                WHERE (s.entity_type, s.entity_id, s.source) IN (
                    SELECT c.entity_type, c.entity_id, c.source FROM enrichment_state c JOIN albums al ON al.id = c.entity_id
                    WHERE c.entity_type = ? AND c.source = ? AND %1$s AND al.album_artist_id IN (
                        SELECT DISTINCT al2.album_artist_id FROM enrichment_state c JOIN albums al2 ON al2.id = c.entity_id
                        WHERE c.entity_type = ? AND c.source = ? AND %1$s ORDER BY al2.album_artist_id LIMIT ?)
                    FOR UPDATE OF c SKIP LOCKED)
                RETURNING s.entity_id""".formatted(DUE);
        return claimWith(sql, EntityType.ALBUM, source, filter, artists, owner, lease, true);
    }

    private List<Long> claimWith(String sql, EntityType type, Source source, WorkFilter filter, int limit, String owner,
            Duration lease, boolean byArtist) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, owner);
            ps.setDouble(2, lease.toMillis() / 1000.0);
            int i = bindDue(ps, 3, type, source, filter);
            if (byArtist) {
                i = bindDue(ps, i, type, source, filter);
            } else if (type == EntityType.TRACK) {
                ps.setBoolean(i++, filter.allTracks());
            }
            ps.setInt(i, limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            ids.sort(null);
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim enrichment work: " + e.getMessage(), e);
        }
    }

    private static int bindDue(PreparedStatement ps, int i, EntityType type, Source source, WorkFilter filter) throws SQLException {
        ps.setString(i++, type.id());
        ps.setString(i++, source.id());
        ps.setBoolean(i++, filter.force());
        ps.setTimestamp(i++, Timestamp.from(filter.runStartedAt()));
        return i;
    }

    /** Keeps this worker's leases alive while it runs; a dead worker's leases then expire within one lease. */
    public int extendClaims(String owner, Duration lease) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE enrichment_state SET claimed_until = now() + make_interval(secs => ?)
                WHERE claimed_by = ? AND claimed_until > now()""")) {
            ps.setDouble(1, lease.toMillis() / 1000.0);
            ps.setString(2, owner);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not extend enrichment claims: " + e.getMessage(), e);
        }
    }

    /** Entities another worker (another replica, or a process that died moments ago) still holds. */
    public int claimedByOthers(EntityType type, Source source, String owner) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FROM enrichment_state WHERE entity_type = ? AND source = ? AND claimed_until > now()
                AND claimed_by IS DISTINCT FROM ?""")) {
            ps.setString(1, type.id());
            ps.setString(2, source.id());
            ps.setString(3, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count enrichment claims: " + e.getMessage(), e);
        }
    }

    /** Gives claimed but unprocessed entities back (a cancelled or paused run). */
    public void release(EntityType type, Source source, Collection<Long> ids, String owner) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE enrichment_state SET claimed_by = NULL, claimed_until = NULL
                WHERE entity_type = ? AND source = ? AND entity_id = ANY(?) AND claimed_by = ?""")) {
            ps.setString(1, type.id());
            ps.setString(2, source.id());
            ps.setArray(3, c.createArrayOf("bigint", ids.toArray()));
            ps.setString(4, owner);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not release enrichment work: " + e.getMessage(), e);
        }
    }

    /**
     * Records a finished fetch and when to ask again; the caller's transaction also writes the genres.
     *
     * @param nextAttempt seconds from now until the entity is due again
     */
    public void record(EntityType type, Source source, long id, String status, String externalId, String rawTagsJson,
            String error, double nextAttempt) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO enrichment_state AS s (entity_type, entity_id, source, status, attempts, fetched_at, next_attempt_at,
                    last_error, external_id, raw_tags)
                VALUES (?, ?, ?, ?, CASE WHEN ? = 'error' THEN 1 ELSE 0 END, CASE WHEN ? = 'error' THEN NULL ELSE now() END,
                    now() + make_interval(secs => ?), ?, ?, ?::jsonb)
                ON CONFLICT (entity_type, entity_id, source) DO UPDATE SET
                    status = CASE WHEN excluded.status = 'error' AND s.status IN ('found', 'not_found') THEN s.status ELSE excluded.status END,
                    attempts = CASE WHEN excluded.status = 'error' THEN s.attempts + 1 ELSE 0 END,
                    fetched_at = coalesce(excluded.fetched_at, s.fetched_at),
                    next_attempt_at = excluded.next_attempt_at,
                    last_error = excluded.last_error,
                    external_id = coalesce(excluded.external_id, s.external_id),
                    raw_tags = CASE WHEN excluded.status = 'error' THEN s.raw_tags ELSE excluded.raw_tags END,
                    claimed_by = NULL, claimed_until = NULL""")) {
            ps.setString(1, type.id());
            ps.setLong(2, id);
            ps.setString(3, source.id());
            ps.setString(4, status);
            ps.setString(5, status);
            ps.setString(6, status);
            ps.setDouble(7, nextAttempt);
            ps.setString(8, error);
            ps.setString(9, externalId);
            ps.setString(10, rawTagsJson);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record enrichment of " + type.id() + " " + id + ": " + e.getMessage(), e);
        }
    }

    /** Attempts already made for a failing entity, to grow its back-off. */
    public int attempts(EntityType type, Source source, long id) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT attempts FROM enrichment_state WHERE entity_type = ? AND source = ? AND entity_id = ?")) {
            ps.setString(1, type.id());
            ps.setString(2, source.id());
            ps.setLong(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record enrichment of " + type.id() + " " + id + ": " + e.getMessage(), e);
        }
    }
}
