package dev.segue.sonic.repository;

import dev.segue.sonic.features.FeatureLayout;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The work queue as a condition on table state, shared by counting work ({@link AnalysisRepository}) and
 * claiming it ({@link ClaimRepository}), so both always agree on what a run still has to do.
 */
final class PendingWork {

    static final int VERSION = FeatureLayout.ANALYZER_VERSION;

    /**
     * A present track needs work when it has no analysis of the current version, its file content
     * changed since, the decoder that failed on it has been replaced, or the run retries/forces it.
     */
    static final String NEEDS_WORK = """
            t.status = 'present'
            AND (CAST(? AS bigint[]) IS NULL OR t.id = ANY(CAST(? AS bigint[])))
            AND (a.track_id IS NULL
                 OR a.content_key IS DISTINCT FROM t.content_key
                 OR (a.status <> 'ok' AND a.decoder IS DISTINCT FROM ?)
                 OR (? AND a.status <> 'ok' AND a.analyzed_at < ?)
                 OR (? AND a.analyzed_at < ?))
            """;

    private PendingWork() {
    }

    /** Binds the parameters of {@link #NEEDS_WORK} from {@code index}; returns the next free index. */
    static int bindScope(PreparedStatement ps, int index, WorkScope scope, String decoder) throws SQLException {
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
}
