package dev.segue.playlist.repository;

import dev.segue.playlist.index.GenreLevel;
import dev.segue.playlist.index.IndexStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The playlist index's reads ({@link IndexStore}: JDBC, streamed with a fetch size: bulk rows of the whole library). Every read of a
 * refresh runs in one read-only transaction ({@link #read}), since without a transaction pgjdbc ignores the fetch
 * size and holds a whole result in memory.
 */
@ApplicationScoped
public class IndexRepository implements IndexStore {

    private static final String VECTORS_SQL = """
            SELECT a.track_id, a.status, a.analyzed_at, s.segment, s.features
            FROM sonic_analyses a
            LEFT JOIN sonic_segments s ON s.track_id = a.track_id AND s.analyzer_version = a.analyzer_version
            WHERE a.analyzer_version = ? AND a.analyzed_at > ?""";
    private static final String TRACKS_SQL = """
            SELECT t.id, t.title, t.artist_id, ar.name, t.album_id, al.title, t.duration_ms, t.file_path, t.status,
                   GREATEST(t.updated_at, ar.updated_at, COALESCE(al.updated_at, t.updated_at)),
                   t.artist_source IS DISTINCT FROM 'none'
            FROM tracks t JOIN artists ar ON ar.id = t.artist_id LEFT JOIN albums al ON al.id = t.album_id
            """;

    private final DataSource dataSource;

    IndexRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T read(Function<Reads, T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try {
                return work.apply(new Session(c));
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    private static IllegalStateException unreadable(SQLException e) {
        return new IllegalStateException("Could not read the playlist index: " + e.getMessage(), e);
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** The reads of one transaction, on its connection. */
    private static final class Session implements Reads {

        private final Connection c;

        Session(Connection c) {
            this.c = c;
        }

        @Override
        public List<Integer> readableVersions() {
            return sql(() -> IndexRepository.readableVersions(c));
        }

        @Override
        public int tracks(Instant since, Consumer<TrackRow> rows) {
            return sql(() -> IndexRepository.tracks(c, since, rows));
        }

        @Override
        public int segments(int version, Instant since, Collection<Long> trackIds, Consumer<SegmentRow> rows) {
            return sql(() -> IndexRepository.segments(c, version, since, trackIds, rows));
        }

        @Override
        public Map<Long, Long> genreParents() {
            return sql(() -> IndexRepository.genreParents(c));
        }

        @Override
        public void genreRows(GenreLevel level, Instant since, Consumer<GenreRow> rows) {
            sql(() -> {
                IndexRepository.genreRows(c, level, since, rows);
                return null;
            });
        }

        @Override
        public long genreRowCount(GenreLevel level) {
            return sql(() -> IndexRepository.genreRowCount(c, level));
        }
    }

    private static List<Integer> readableVersions(Connection c) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT analyzer_version FROM sonic_readable_versions ORDER BY analyzer_version DESC")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    private static int tracks(Connection c, Instant since, Consumer<TrackRow> rows) throws SQLException {
        String sql = TRACKS_SQL + (since == null ? "WHERE t.status = 'present'"
                : "WHERE t.updated_at > ? OR ar.updated_at > ? OR al.updated_at > ?");
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (since != null) {
                Timestamp at = Timestamp.from(since);
                ps.setTimestamp(1, at);
                ps.setTimestamp(2, at);
                ps.setTimestamp(3, at);
            }
            ps.setFetchSize(2000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                    long albumId = rs.getLong(5);
                    Long album = rs.wasNull() ? null : albumId;
                    int duration = rs.getInt(7);
                    Integer durationMs = rs.wasNull() ? null : duration;
                    rows.accept(new TrackRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), album,
                            rs.getString(6), durationMs, rs.getString(8), "present".equals(rs.getString(9)),
                            rs.getTimestamp(10).toInstant(), rs.getBoolean(11)));
                }
            }
        }
        return n;
    }

    private static int segments(Connection c, int version, Instant since, Collection<Long> trackIds, Consumer<SegmentRow> rows)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(VECTORS_SQL + (trackIds == null ? "" : " AND a.track_id = ANY (?)"))) {
            ps.setInt(1, version);
            ps.setTimestamp(2, Timestamp.from(since));
            if (trackIds != null) {
                ps.setArray(3, c.createArrayOf("bigint", trackIds.toArray()));
            }
            ps.setFetchSize(4000);
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                    Array array = rs.getArray(5);
                    float[] features = null;
                    if (array != null) {
                        Object[] values = (Object[]) array.getArray();
                        features = new float[values.length];
                        for (int i = 0; i < values.length; i++) {
                            features[i] = values[i] == null ? 0f : ((Number) values[i]).floatValue();
                        }
                    }
                    rows.accept(new SegmentRow(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getString(4), features));
                }
            }
            return n;
        }
    }

    private static Map<Long, Long> genreParents(Connection c) throws SQLException {
        Map<Long, Long> parents = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, parent_id FROM genres WHERE parent_id IS NOT NULL")) {
            while (rs.next()) {
                parents.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return parents;
    }

    private static void genreRows(Connection c, GenreLevel level, Instant since, Consumer<GenreRow> rows) throws SQLException {
        String table = table(level);
        String id = idColumn(level);
        String all = "SELECT " + id + ", genre_id, source, weight, updated_at FROM " + table;
        String sql = since == null ? all + " ORDER BY 1"
                : all + " WHERE " + id + " IN (SELECT " + id + " FROM " + table + " WHERE updated_at > ?) ORDER BY 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (since != null) {
                ps.setTimestamp(1, Timestamp.from(since));
            }
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.accept(new GenreRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getFloat(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        }
    }

    private static long genreRowCount(Connection c, GenreLevel level) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table(level))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String table(GenreLevel level) {
        return switch (level) {
            case TRACK -> "track_genres";
            case ALBUM -> "album_genres";
            case ARTIST -> "artist_genres";
        };
    }

    private static String idColumn(GenreLevel level) {
        return switch (level) {
            case TRACK -> "track_id";
            case ALBUM -> "album_id";
            case ARTIST -> "artist_id";
        };
    }
}
