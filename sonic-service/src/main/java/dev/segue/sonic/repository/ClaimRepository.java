package dev.segue.sonic.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plain JDBC over sonic_claims: which worker holds which track, and until when. Claiming is the bulk,
 * contended path ({@code FOR UPDATE SKIP LOCKED} across replicas). Callers provide the transaction;
 * every method joins it.
 */
@ApplicationScoped
public class ClaimRepository {

    private final AgroalDataSource dataSource;

    ClaimRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
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
                """.formatted(PendingWork.VERSION, PendingWork.NEEDS_WORK);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = PendingWork.bindScope(ps, 1, scope, decoder);
            ps.setInt(i++, limit);
            ps.setString(i++, worker);
            ps.setLong(i, lease.toMillis());
            List<TrackRef> claimed = Jdbc.readTracks(ps);
            if (claimed.isEmpty()) {
                return claimed;
            }
            Set<Long> done = releaseFinished(c, scope, decoder, worker, claimed);
            return claimed.stream().filter(t -> !done.contains(t.id())).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("claiming tracks failed", e);
        }
    }

    /**
     * The claim statement chooses from a snapshot taken when it starts: a track another worker finishes (result stored,
     * claim released) while the statement runs looks pending to it, and its claim insert, which waited for that release,
     * then succeeds. A second statement, with a snapshot taken after the claim, sees those results and releases the
     * claims on them (an unreadable file fails in a millisecond, so two workers took ~20 % of such tracks twice).
     *
     * @return the ids of the tracks released
     */
    private static Set<Long> releaseFinished(Connection c, WorkScope scope, String decoder, String worker,
            List<TrackRef> claimed) throws SQLException {
        String sql = """
                DELETE FROM sonic_claims c WHERE c.worker = ? AND c.track_id = ANY(?)
                  AND NOT EXISTS (SELECT 1 FROM tracks t
                                  LEFT JOIN sonic_analyses a ON a.track_id = t.id AND a.analyzer_version = %d
                                  WHERE t.id = c.track_id AND %s)
                RETURNING c.track_id
                """.formatted(PendingWork.VERSION, PendingWork.NEEDS_WORK);
        Set<Long> released = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, worker);
            ps.setArray(2, c.createArrayOf("bigint", claimed.stream().map(TrackRef::id).toArray(Long[]::new)));
            PendingWork.bindScope(ps, 3, scope, decoder);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    released.add(rs.getLong(1));
                }
            }
        }
        return released;
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
     * Extends the lease of the claims on {@code trackIds} that {@code worker} made within {@code maxAge}: called while the replica
     * lives, so its claims outlast the longest batch and expire when it is gone, or when a batch has
     * run far beyond what its timeouts allow (a stuck worker thread must not hold its tracks forever).
     *
     * @return the claims renewed
     */
    public int renewClaims(String worker, List<Long> trackIds, Duration lease, Duration maxAge) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     UPDATE sonic_claims SET lease_until = now() + ? * interval '1 millisecond'
                     WHERE worker = ? AND track_id = ANY(?) AND claimed_at > now() - ? * interval '1 millisecond'
                     """)) {
            ps.setLong(1, lease.toMillis());
            ps.setString(2, worker);
            ps.setArray(3, c.createArrayOf("bigint", trackIds.toArray(Long[]::new)));
            ps.setLong(4, maxAge.toMillis());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("renewing claims failed", e);
        }
    }


    public long liveClaims() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM sonic_claims WHERE lease_until > now()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting claims failed", e);
        }
    }
}
