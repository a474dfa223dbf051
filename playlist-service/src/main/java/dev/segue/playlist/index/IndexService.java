package dev.segue.playlist.index;

import dev.segue.commons.database.DatabaseOutage;
import dev.segue.playlist.config.PlaylistConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Keeps the in-memory {@link LibraryIndex} in step with the database: a full load at start, then polls
 * that read only rows changed since the last poll (by {@code tracks/artists/albums.updated_at},
 * {@code sonic_analyses.analyzed_at} and the genre tables' {@code updated_at}), re-reading a short overlap
 * because a row's timestamp is its transaction's start, which may commit after a later one. Genre rows
 * deleted without a trace are caught by comparing row counts. Vectors come from one analyzer_version, the
 * newest that covers the library; switching to a newer one reloads all vectors, so versions are never mixed.
 */
@ApplicationScoped
public class IndexService {

    private static final Logger LOG = Logger.getLogger(IndexService.class);
    private static final Instant EPOCH = Instant.EPOCH;
    private static final String VECTORS_SQL = """
            SELECT a.track_id, a.status, a.analyzed_at, s.segment, s.features
            FROM sonic_analyses a
            LEFT JOIN sonic_segments s ON s.track_id = a.track_id AND s.analyzer_version = a.analyzer_version
            WHERE a.analyzer_version = ? AND a.analyzed_at > ?""";
    private static final String READABLE_VERSIONS_SQL =
            "SELECT analyzer_version FROM sonic_readable_versions ORDER BY analyzer_version DESC";

    private final DataSource dataSource;
    private final Duration overlap;
    private final IndexBuilder builder = new IndexBuilder();
    private volatile LibraryIndex current;
    private Instant tracksSeen = EPOCH;
    private Instant analysesSeen = EPOCH;
    private final Map<GenreLevel, Instant> genresSeen = new HashMap<>();
    private volatile Instant lastRefresh;
    private int unknownVersionWarned;

    IndexService(DataSource dataSource, PlaylistConfig config) {
        this.dataSource = dataSource;
        this.overlap = config.index().overlap();
        this.current = builder.build();
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
    }

    @Scheduled(every = "${segue.playlist.index.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            if (DatabaseOutage.isOutage(e)) {
                LOG.warnf("Index refresh skipped: the database is unavailable (%s); playlists come from the previous index",
                        DatabaseOutage.reason(e));
            } else {
                LOG.warnf(e, "Index refresh failed; keeping the previous index");
            }
        }
    }

    /** The snapshot to serve a request from; never null. */
    public LibraryIndex current() {
        return current;
    }

    public IndexStats stats() {
        LibraryIndex index = current;
        return new IndexStats(index.size(), index.sonic().analysedCount(), index.analyzerVersion(),
                index.estimatedVectorBytes(), index.builtAt(), lastRefresh);
    }

    /** Reads what changed since the last refresh and swaps in a new snapshot if anything did. */
    public synchronized LibraryIndex refresh() {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            // without a transaction pgjdbc ignores the fetch size and holds a whole result in memory
            c.setAutoCommit(false);
            boolean changed = refreshTracks(c);
            changed |= refreshVectors(c);
            changed |= refreshGenres(c);
            if (changed || current.size() != builder.trackCount()) {
                current = builder.build();
                LOG.debugf("Index rebuilt: %d tracks, %d analysed", current.size(), current.sonic().analysedCount());
            }
            c.rollback();
            lastRefresh = Instant.now();
            return current;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not refresh the playlist index: " + e.getMessage(), e);
        }
    }

    /** Loads the current vectors of the given tracks right away (after sonic-service analysed one). */
    public synchronized LibraryIndex refreshVectorsOf(Collection<Long> trackIds) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            int version = readableVersion(c);
            if (version != builder.analyzerVersion()) {
                return refresh();
            }
            int read;
            try (PreparedStatement ps = c.prepareStatement(VECTORS_SQL + " AND a.track_id = ANY (?)")) {
                ps.setInt(1, version);
                ps.setTimestamp(2, Timestamp.from(EPOCH));
                ps.setArray(3, c.createArrayOf("bigint", trackIds.toArray()));
                // a targeted read must not move the poll's watermark past analyses it has not read
                read = applyVectors(ps, false, version);
            }
            if (read > 0) {
                current = builder.build();
            }
            return current;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load vectors: " + e.getMessage(), e);
        }
    }

    private boolean refreshTracks(Connection c) throws SQLException {
        boolean full = tracksSeen.equals(EPOCH);
        String sql = """
                SELECT t.id, t.title, t.artist_id, ar.name, t.album_id, al.title, t.duration_ms, t.file_path, t.status,
                       GREATEST(t.updated_at, ar.updated_at, COALESCE(al.updated_at, t.updated_at)),
                       t.artist_source IS DISTINCT FROM 'none'
                FROM tracks t JOIN artists ar ON ar.id = t.artist_id LEFT JOIN albums al ON al.id = t.album_id
                """ + (full ? "WHERE t.status = 'present'"
                : "WHERE t.updated_at > ? OR ar.updated_at > ? OR al.updated_at > ?");
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (!full) {
                Timestamp since = Timestamp.from(tracksSeen.minus(overlap));
                ps.setTimestamp(1, since);
                ps.setTimestamp(2, since);
                ps.setTimestamp(3, since);
            }
            ps.setFetchSize(2000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                    long id = rs.getLong(1);
                    Instant seen = rs.getTimestamp(10).toInstant();
                    if (seen.isAfter(tracksSeen)) {
                        tracksSeen = seen;
                    }
                    if (!"present".equals(rs.getString(9))) {
                        builder.removeTrack(id);
                        continue;
                    }
                    long albumId = rs.getLong(5);
                    Long album = rs.wasNull() ? null : albumId;
                    int duration = rs.getInt(7);
                    Integer durationMs = rs.wasNull() ? null : duration;
                    builder.putTrack(new TrackInfo(id, rs.getString(2), rs.getLong(3), rs.getString(4), album,
                            rs.getString(6), durationMs, rs.getString(8), rs.getBoolean(11)));
                }
            }
        }
        if (full && tracksSeen.equals(EPOCH)) {
            // an empty library: poll incrementally from now on
            tracksSeen = Instant.now().minus(overlap);
        }
        return n > 0;
    }

    private boolean refreshVectors(Connection c) throws SQLException {
        int version = readableVersion(c);
        boolean versionChanged = version != builder.analyzerVersion();
        if (versionChanged) {
            builder.clearVectors();
            builder.setAnalyzerVersion(version);
            analysesSeen = EPOCH;
        }
        if (version == 0) {
            return versionChanged;
        }
        try (PreparedStatement ps = c.prepareStatement(VECTORS_SQL)) {
            ps.setInt(1, version);
            ps.setTimestamp(2, Timestamp.from(analysesSeen.equals(EPOCH) ? EPOCH : analysesSeen.minus(overlap)));
            return applyVectors(ps, true, version) > 0 || versionChanged;
        }
    }

    /**
     * The newest readable analyzer version ({@code sonic_readable_versions}: its upgrade is complete, so while
     * sonic-service re-analyses the library the older version keeps serving every track) whose layout this
     * build knows; 0 when there is none.
     */
    private int readableVersion(Connection c) throws SQLException {
        int newest = 0;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(READABLE_VERSIONS_SQL)) {
            while (rs.next()) {
                int version = rs.getInt(1);
                newest = Math.max(newest, version);
                if (Features.readable(version)) {
                    warnUnknown(newest, version);
                    return version;
                }
            }
        }
        warnUnknown(newest, 0);
        return 0;
    }

    private void warnUnknown(int newest, int used) {
        if (newest > used && newest != unknownVersionWarned) {
            unknownVersionWarned = newest;
            LOG.warnf("Sonic vectors of analyzer version %d are readable but this playlist-service does not know their"
                    + " layout; using %s. Upgrade playlist-service together with sonic-service.", newest,
                    used == 0 ? "no sonic data" : "version " + used);
        }
    }

    /**
     * Reads analysis rows (one per segment) of analyzer {@code version} and applies complete, well-formed vectors
     * (the first {@link Features#DIMENSIONS} values: the features this build reads); returns rows read.
     */
    private int applyVectors(PreparedStatement ps, boolean advanceWatermark, int version) throws SQLException {
        int stored = Features.storedSize(version);
        Map<Long, float[]> loaded = new HashMap<>();
        Map<Long, Integer> segmentsSeen = new HashMap<>();
        Set<Long> failed = new HashSet<>();
        int n = 0;
        ps.setFetchSize(4000);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                n++;
                long trackId = rs.getLong(1);
                Instant analyzed = rs.getTimestamp(3).toInstant();
                if (advanceWatermark && analyzed.isAfter(analysesSeen)) {
                    analysesSeen = analyzed;
                }
                if (!"ok".equals(rs.getString(2))) {
                    failed.add(trackId);
                    continue;
                }
                Segment segment = Segment.fromDb(rs.getString(4));
                Array array = rs.getArray(5);
                if (segment == null || array == null) {
                    continue;
                }
                Object[] values = (Object[]) array.getArray();
                if (values.length != stored) {
                    LOG.warnf("Track %d: %s segment has %d features, expected %d; ignored", trackId, segment.dbName(),
                            values.length, stored);
                    continue;
                }
                float[] raw = loaded.computeIfAbsent(trackId, k -> new float[IndexBuilder.VECTOR_LENGTH]);
                int base = segment.ordinal() * Features.DIMENSIONS;
                for (int i = 0; i < Features.DIMENSIONS; i++) {
                    raw[base + i] = values[i] == null ? 0f : ((Number) values[i]).floatValue();
                }
                segmentsSeen.merge(trackId, 1 << segment.ordinal(), (a, b) -> a | b);
            }
        }
        for (long id : failed) {
            builder.markAnalysisFailed(id);
        }
        loaded.forEach((id, raw) -> {
            if (segmentsSeen.get(id) == (1 << Segment.COUNT) - 1) {
                builder.putVectors(id, raw);
            }
        });
        return n;
    }

    private boolean refreshGenres(Connection c) throws SQLException {
        boolean changed = refreshGenreParents(c);
        for (GenreLevel level : GenreLevel.values()) {
            changed |= refreshGenreLevel(c, level);
        }
        return changed;
    }

    private boolean refreshGenreParents(Connection c) throws SQLException {
        Map<Long, Long> parents = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, parent_id FROM genres WHERE parent_id IS NOT NULL")) {
            while (rs.next()) {
                parents.put(rs.getLong(1), rs.getLong(2));
            }
        }
        if (parents.equals(builder.genreParents())) {
            return false;
        }
        builder.setGenreParents(parents);
        return true;
    }

    private boolean refreshGenreLevel(Connection c, GenreLevel level) throws SQLException {
        Instant seen = genresSeen.getOrDefault(level, EPOCH);
        boolean full = seen.equals(EPOCH);
        String rowsSql = "SELECT " + level.idColumn() + ", genre_id, source, weight, updated_at FROM " + level.table();
        String sql = full ? rowsSql + " ORDER BY 1"
                : rowsSql + " WHERE " + level.idColumn() + " IN (SELECT " + level.idColumn() + " FROM " + level.table()
                        + " WHERE updated_at > ?) ORDER BY 1";
        boolean changed = readGenreRows(c, level, sql, full ? null : seen.minus(overlap), full);
        long tableCount;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + level.table())) {
            rs.next();
            tableCount = rs.getLong(1);
        }
        if (tableCount != builder.genreRowCount(level)) {
            // rows were deleted (or an entity lost all its rows): only a full read of this level can tell which
            builder.clearGenres(level);
            readGenreRows(c, level, rowsSql + " ORDER BY 1", null, true);
            changed = true;
        }
        return changed;
    }

    private boolean readGenreRows(Connection c, GenreLevel level, String sql, Instant since, boolean full) throws SQLException {
        Map<Long, List<Object[]>> byEntity = new HashMap<>();
        Instant seen = genresSeen.getOrDefault(level, EPOCH);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (since != null) {
                ps.setTimestamp(1, Timestamp.from(since));
            }
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte source = level.sourceCode(rs.getString(3));
                    Instant updated = rs.getTimestamp(5).toInstant();
                    if (updated.isAfter(seen)) {
                        seen = updated;
                    }
                    List<Object[]> rows = byEntity.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>());
                    if (source >= 0) {
                        rows.add(new Object[] {rs.getLong(2), source, rs.getFloat(4)});
                    }
                }
            }
        }
        if (full && seen.equals(EPOCH)) {
            seen = Instant.now().minus(overlap);
        }
        genresSeen.put(level, seen);
        byEntity.forEach((entity, rows) -> {
            long[] genres = new long[rows.size()];
            byte[] sources = new byte[rows.size()];
            float[] weights = new float[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                genres[i] = (Long) rows.get(i)[0];
                sources[i] = (Byte) rows.get(i)[1];
                weights[i] = (Float) rows.get(i)[2];
            }
            builder.putGenres(level, entity, new GenreRows(genres, sources, weights));
        });
        return !byEntity.isEmpty();
    }
}
