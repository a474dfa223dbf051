package dev.segue.library.repository;

import dev.segue.commons.database.DatabaseOutage;
import dev.segue.library.catalog.Names;
import dev.segue.library.scan.DiscoveredFile;
import dev.segue.library.scan.KnownTrack;
import dev.segue.library.scan.LibraryWalker;
import dev.segue.library.scan.ReadTrack;
import dev.segue.library.scan.TagValues;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Writes what a scan read, in JDBC batches, one transaction per batch: artists and albums upserted by
 * their normalized keys, tracks inserted or updated by file path (or by id for a moved file). A batch
 * the database rejects is retried track by track, so one bad row becomes one scan error. One writer
 * holds one connection for one root of one run (see {@link TrackScanRepository#open}).
 */
public final class ScanWriter implements AutoCloseable {

    /** One track to write; {@code existingId} is set for a known path or a recognised move. */
    public record Pending(DiscoveredFile file, ReadTrack track, Long existingId) {
    }

    /**
     * An artist or album already in the database.
     *
     * @param complete no optional identity left to fill in
     * @param oneCase  an artist's stored name is in a single case ("björk"), which a capitalised spelling replaces
     */
    private record Ref(long id, boolean complete, boolean oneCase) {
    }

    static final String VARIOUS_ARTISTS = "Various Artists";

    private static final String TRACK_COLUMNS = "file_path, file_size, file_mtime, content_key, format, title, artist_id, album_id, "
            + "track_no, track_total, disc_no, disc_total, year, duration_ms, codec, bitrate_kbps, sample_rate, channels, "
            + "mbid_recording, mbid_track, isrc, tag_genres, tag_artists, other_titles, length_note, artist_source, album_source";

    private static final String INSERT_TRACK = "INSERT INTO tracks (" + TRACK_COLUMNS + ", status, missing_since, scanned_at, updated_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'present', NULL, now(), now()) "
            + "ON CONFLICT (file_path) DO UPDATE SET " + assignments("EXCLUDED.") + ", status = 'present', missing_since = NULL, "
            + "scanned_at = now(), updated_at = now()";

    private static final String UPDATE_TRACK = "UPDATE tracks SET " + assignments(null)
            + ", status = 'present', missing_since = NULL, scanned_at = now(), updated_at = now() WHERE id = ?";

    private static final String ONE_CASE = "(%1$s = lower(%1$s) OR %1$s = upper(%1$s))";

    private static final String UPSERT_ARTISTS = """
            INSERT INTO artists (name, name_key, sort_name, mbid)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::uuid[])
            ON CONFLICT (name_key) DO UPDATE SET mbid = COALESCE(artists.mbid, EXCLUDED.mbid), updated_at = now(),
                name = CASE WHEN %1$s THEN EXCLUDED.name ELSE artists.name END
            RETURNING id, name_key, mbid IS NOT NULL, %2$s
            """.formatted(capitalisedReplacesOneCase("artists.name", "EXCLUDED.name"), ONE_CASE.formatted("name"));

    private static final String UPSERT_ALBUMS = """
            INSERT INTO albums (title, title_key, album_artist_id, year, compilation, mbid_release, mbid_release_group)
            SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::int[], ?::boolean[], ?::uuid[], ?::uuid[])
            ON CONFLICT (album_artist_id, title_key) DO UPDATE SET
                year = COALESCE(albums.year, EXCLUDED.year),
                compilation = albums.compilation OR EXCLUDED.compilation,
                mbid_release = COALESCE(albums.mbid_release, EXCLUDED.mbid_release),
                mbid_release_group = COALESCE(albums.mbid_release_group, EXCLUDED.mbid_release_group),
                updated_at = now()
            RETURNING id, album_artist_id, title_key,
                year IS NOT NULL AND mbid_release IS NOT NULL AND mbid_release_group IS NOT NULL
            """;

    private final Connection connection;
    private final long runId;
    private final Map<String, Ref> artists = new HashMap<>();
    private final Map<String, Ref> albums = new HashMap<>();

    ScanWriter(Connection connection, long runId) throws SQLException {
        this.connection = connection;
        this.runId = runId;
        connection.setAutoCommit(false);
        try (var st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, name_key, mbid IS NOT NULL, " + ONE_CASE.formatted("name") + " FROM artists")) {
            while (rs.next()) {
                artists.put(rs.getString(2), new Ref(rs.getLong(1), rs.getBoolean(3), rs.getBoolean(4)));
            }
        }
        try (var st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, album_artist_id, title_key, "
                        + "year IS NOT NULL AND mbid_release IS NOT NULL AND mbid_release_group IS NOT NULL FROM albums")) {
            while (rs.next()) {
                albums.put(albumKey(rs.getLong(2), rs.getString(3)), new Ref(rs.getLong(1), rs.getBoolean(4), false));
            }
        }
        connection.commit();
    }

    /** The tracks stored under {@code root}, by path. */
    public Map<String, KnownTrack> knownUnder(Path root) throws SQLException {
        Map<String, KnownTrack> known = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                // epoch microseconds: comparing numbers is much cheaper than parsing 30,000 timestamps
                "SELECT id, file_path, file_size, (extract(epoch FROM file_mtime) * 1000000)::bigint, status = 'present', content_key FROM tracks "
                        + "WHERE file_path LIKE ? ESCAPE '\\'")) {
            ps.setString(1, likePrefix(root));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.put(rs.getString(2), new KnownTrack(rs.getLong(1), rs.getLong(3), rs.getLong(4), rs.getBoolean(5), rs.getString(6)));
                }
            }
        }
        connection.commit();
        return known;
    }

    /** Content keys of tracks a new file may be a move of: missing anywhere, or vanished from this root just now. */
    public Map<String, ArrayDeque<Long>> moveCandidates(Iterable<KnownTrack> vanished) throws SQLException {
        Map<String, ArrayDeque<Long>> candidates = new HashMap<>();
        for (KnownTrack k : vanished) {
            if (k.contentKey() != null) {
                candidates.computeIfAbsent(k.contentKey(), key -> new ArrayDeque<>()).add(k.id());
            }
        }
        try (var st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, content_key FROM tracks WHERE status = 'missing' AND content_key IS NOT NULL "
                        + "ORDER BY missing_since DESC")) {
            while (rs.next()) {
                candidates.computeIfAbsent(rs.getString(2), key -> new ArrayDeque<>()).add(rs.getLong(1));
            }
        }
        connection.commit();
        return candidates;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /**
     * Names are matched by their folded key, so "björk" and "Björk" are one artist, shown as its first scan wrote it.
     * A later spelling with both upper and lower case replaces one written in a single case ("björk", "BJÖRK"): a tag
     * typed in lower case must not name the artist for every file that spells it properly.
     */
    private static String capitalisedReplacesOneCase(String stored, String incoming) {
        return ONE_CASE.formatted(stored) + " AND NOT " + ONE_CASE.formatted(incoming);
    }

    private static boolean bothCases(String name) {
        return !name.equals(name.toLowerCase(Locale.ROOT)) && !name.equals(name.toUpperCase(Locale.ROOT));
    }

    private static String likePrefix(Path root) {
        String text = root.toString();
        String prefix = text.endsWith("/") ? text : text + "/";
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * Writes a batch; returns the tracks that could not be written with the database's reason, already
     * recorded as scan errors.
     */
    public List<String> write(List<Pending> batch) throws SQLException {
        try {
            writeBatch(batch);
            return List.of();
        } catch (SQLException e) {
            if (DatabaseOutage.isOutage(e)) {
                // not the tracks' fault: nothing to record per track, the run waits for the database
                throw e;
            }
            connection.rollback();
            if (batch.size() == 1) {
                String reason = databaseReason(e);
                errors(List.of(new LibraryWalker.Problem(batch.get(0).file().pathText(), reason)));
                return List.of(batch.get(0).file().pathText());
            }
            List<String> failed = new ArrayList<>();
            for (Pending p : batch) {
                failed.addAll(write(List.of(p)));
            }
            return failed;
        }
    }

    public void errors(Collection<LibraryWalker.Problem> problems) throws SQLException {
        if (problems.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO scan_errors (scan_run_id, path, reason) VALUES (?, ?, ?)")) {
            for (var problem : problems) {
                ps.setLong(1, runId);
                ps.setString(2, TagValues.text(problem.path(), 4096));
                ps.setString(3, TagValues.text(problem.reason(), 1000));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        connection.commit();
    }

    /** A file the readers refused for its content, with what identifies its bytes. */
    public record Refusal(DiscoveredFile file, String reason) {
    }

    /** A refusal recorded by an earlier scan: the file's size and modification time then, and the reason. */
    public record RememberedRefusal(long size, long mtimeMicros, String reason) {
    }

    /** Records refusals with the file's size and modification time and the readers that refused it. */
    public void refusals(Collection<Refusal> refusals, String readers) throws SQLException {
        if (refusals.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO scan_errors (scan_run_id, path, reason, file_size, "
                + "file_mtime_us, readers) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Refusal refusal : refusals) {
                ps.setLong(1, runId);
                ps.setString(2, TagValues.text(refusal.file().pathText(), 4096));
                ps.setString(3, TagValues.text(refusal.reason(), 1000));
                ps.setLong(4, refusal.file().size());
                ps.setLong(5, refusal.file().mtimeMicros());
                ps.setString(6, readers);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        connection.commit();
    }

    /** The latest refusal by {@code readers} of each file under {@code root}. */
    public Map<String, RememberedRefusal> refusalsUnder(Path root, String readers) throws SQLException {
        Map<String, RememberedRefusal> refused = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT DISTINCT ON (path) path, file_size, file_mtime_us, reason "
                + "FROM scan_errors WHERE readers = ? AND path LIKE ? ESCAPE '\\' ORDER BY path, id DESC")) {
            ps.setString(1, readers);
            ps.setString(2, likePrefix(root));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    refused.put(rs.getString(1), new RememberedRefusal(rs.getLong(2), rs.getLong(3), rs.getString(4)));
                }
            }
        }
        connection.commit();
        return refused;
    }

    /** Marks tracks missing (never deletes them); returns how many were present until now. */
    public int markMissing(List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE tracks SET status = 'missing', missing_since = now(), updated_at = now() "
                        + "WHERE id = ANY (?) AND status = 'present'")) {
            ps.setArray(1, connection.createArrayOf("bigint", ids.toArray(Long[]::new)));
            int n = ps.executeUpdate();
            connection.commit();
            return n;
        }
    }

    /** Why the database refused to store one track. */
    private static String databaseReason(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("22")) {
            return "could not be stored: the database refuses one of its tag values (SQL state " + state + ")";
        }
        if (state.startsWith("23")) {
            return "could not be stored: it conflicts with a track already stored (SQL state " + state + ")";
        }
        return "could not be stored: the database refused it" + (state.isEmpty() ? "" : " (SQL state " + state + ")");
    }

    private void writeBatch(List<Pending> batch) throws SQLException {
        Map<String, Ref> newArtists = upsertArtists(batch);
        Map<String, Ref> newAlbums = upsertAlbums(batch, newArtists);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_TRACK);
                PreparedStatement update = connection.prepareStatement(UPDATE_TRACK)) {
            for (Pending p : batch) {
                long artistId = artistId(p.track().artist(), newArtists);
                Long albumId = null;
                if (p.track().album() != null) {
                    long albumArtistId = artistId(albumArtistName(p.track()), newArtists);
                    albumId = lookup(albums, newAlbums, albumKey(albumArtistId, Names.key(p.track().album()))).id();
                }
                PreparedStatement ps = p.existingId() == null ? insert : update;
                bindTrack(ps, p, artistId, albumId);
                if (p.existingId() != null) {
                    ps.setLong(28, p.existingId());
                }
                ps.addBatch();
            }
            insert.executeBatch();
            update.executeBatch();
        }
        connection.commit();
        artists.putAll(newArtists);
        albums.putAll(newAlbums);
    }

    private Map<String, Ref> upsertArtists(List<Pending> batch) throws SQLException {
        Map<String, String[]> wanted = new LinkedHashMap<>();
        for (Pending p : batch) {
            want(wanted, p.track().artist(), p.track().mbidArtist());
            if (p.track().album() != null) {
                want(wanted, albumArtistName(p.track()), p.track().mbidAlbumArtist());
            }
        }
        Map<String, Ref> created = new HashMap<>();
        if (wanted.isEmpty()) {
            return created;
        }
        List<String[]> rows = new ArrayList<>(wanted.values());
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_ARTISTS)) {
            ps.setArray(1, textArray(rows, 0));
            ps.setArray(2, textArray(rows, 1));
            ps.setArray(3, textArray(rows, 2));
            ps.setArray(4, connection.createArrayOf("uuid", rows.stream().map(r -> r[3] == null ? null : UUID.fromString(r[3])).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    created.put(rs.getString(2), new Ref(rs.getLong(1), rs.getBoolean(3), rs.getBoolean(4)));
                }
            }
        }
        return created;
    }

    private void want(Map<String, String[]> wanted, String name, UUID mbid) {
        String key = Names.key(name);
        Ref known = artists.get(key);
        if (known != null && (known.complete() || mbid == null) && !(known.oneCase() && bothCases(name))) {
            return;
        }
        String[] row = wanted.get(key);
        if (row == null) {
            wanted.put(key, new String[] {name, key, Names.sortName(name), mbid == null ? null : mbid.toString()});
        } else if (row[3] == null && mbid != null) {
            row[3] = mbid.toString();
        }
    }

    private Map<String, Ref> upsertAlbums(List<Pending> batch, Map<String, Ref> newArtists) throws SQLException {
        Map<String, Object[]> wanted = new LinkedHashMap<>();
        for (Pending p : batch) {
            ReadTrack t = p.track();
            if (t.album() == null) {
                continue;
            }
            long albumArtistId = artistId(albumArtistName(t), newArtists);
            String titleKey = Names.key(t.album());
            String key = albumKey(albumArtistId, titleKey);
            Ref known = albums.get(key);
            boolean offersIdentity = t.year() != null || t.mbidRelease() != null || t.mbidReleaseGroup() != null;
            if (known != null && (known.complete() || !offersIdentity)) {
                continue;
            }
            Object[] row = wanted.get(key);
            if (row == null) {
                wanted.put(key, new Object[] {t.album(), titleKey, albumArtistId, t.year(), t.compilation(), t.mbidRelease(), t.mbidReleaseGroup()});
            } else {
                row[3] = row[3] != null ? row[3] : t.year();
                row[4] = (Boolean) row[4] || t.compilation();
                row[5] = row[5] != null ? row[5] : t.mbidRelease();
                row[6] = row[6] != null ? row[6] : t.mbidReleaseGroup();
            }
        }
        Map<String, Ref> created = new HashMap<>();
        if (wanted.isEmpty()) {
            return created;
        }
        List<Object[]> rows = new ArrayList<>(wanted.values());
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_ALBUMS)) {
            ps.setArray(1, connection.createArrayOf("text", column(rows, 0)));
            ps.setArray(2, connection.createArrayOf("text", column(rows, 1)));
            ps.setArray(3, connection.createArrayOf("bigint", column(rows, 2)));
            ps.setArray(4, connection.createArrayOf("int4", column(rows, 3)));
            ps.setArray(5, connection.createArrayOf("bool", column(rows, 4)));
            ps.setArray(6, connection.createArrayOf("uuid", column(rows, 5)));
            ps.setArray(7, connection.createArrayOf("uuid", column(rows, 6)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    created.put(albumKey(rs.getLong(2), rs.getString(3)), new Ref(rs.getLong(1), rs.getBoolean(4), false));
                }
            }
        }
        return created;
    }

    /** A compilation without an album artist tag belongs to "Various Artists", so it stays one album. */
    static String albumArtistName(ReadTrack t) {
        if (t.albumArtist() != null) {
            return t.albumArtist();
        }
        return t.compilation() ? VARIOUS_ARTISTS : t.artist();
    }

    private long artistId(String name, Map<String, Ref> newArtists) {
        return lookup(artists, newArtists, Names.key(name)).id();
    }

    private static Ref lookup(Map<String, Ref> cache, Map<String, Ref> fresh, String key) {
        Ref ref = fresh.get(key);
        if (ref == null) {
            ref = cache.get(key);
        }
        if (ref == null) {
            throw new IllegalStateException("no row for key " + key);
        }
        return ref;
    }

    private static String albumKey(long albumArtistId, String titleKey) {
        return albumArtistId + "\u0000" + titleKey;
    }

    private void bindTrack(PreparedStatement ps, Pending p, long artistId, Long albumId) throws SQLException {
        ReadTrack t = p.track();
        DiscoveredFile f = p.file();
        ps.setString(1, f.pathText());
        ps.setLong(2, f.size());
        ps.setObject(3, OffsetDateTime.ofInstant(f.mtime(), ZoneOffset.UTC));
        ps.setString(4, t.contentKey());
        ps.setString(5, f.format());
        ps.setString(6, t.title());
        ps.setLong(7, artistId);
        setNullable(ps, 8, albumId, Types.BIGINT);
        setNullable(ps, 9, t.trackNo(), Types.INTEGER);
        setNullable(ps, 10, t.trackTotal(), Types.INTEGER);
        setNullable(ps, 11, t.discNo(), Types.INTEGER);
        setNullable(ps, 12, t.discTotal(), Types.INTEGER);
        setNullable(ps, 13, t.year(), Types.INTEGER);
        setNullable(ps, 14, t.durationMs(), Types.INTEGER);
        ps.setString(15, t.codec());
        setNullable(ps, 16, t.bitrateKbps(), Types.INTEGER);
        setNullable(ps, 17, t.sampleRate(), Types.INTEGER);
        setNullable(ps, 18, t.channels(), Types.INTEGER);
        ps.setObject(19, t.mbidRecording());
        ps.setObject(20, t.mbidTrack());
        ps.setString(21, t.isrc());
        ps.setArray(22, connection.createArrayOf("text", t.genres().toArray(String[]::new)));
        ps.setArray(23, connection.createArrayOf("text", t.artists().toArray(String[]::new)));
        ps.setArray(24, connection.createArrayOf("text", t.otherTitles().toArray(String[]::new)));
        ps.setString(25, t.lengthNote());
        ps.setString(26, t.artistSource().dbName());
        ps.setString(27, t.albumSource().dbName());
    }

    private static void setNullable(PreparedStatement ps, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType);
        } else {
            ps.setObject(index, value, sqlType);
        }
    }

    private Array textArray(List<String[]> rows, int column) throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(r -> r[column]).toArray(String[]::new));
    }

    private static Object[] column(List<Object[]> rows, int column) {
        return rows.stream().map(r -> r[column]).toArray();
    }

    private static String assignments(String excludedPrefix) {
        StringBuilder sb = new StringBuilder();
        for (String column : TRACK_COLUMNS.split(",\\s*")) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(column).append(" = ").append(excludedPrefix == null ? "?" : excludedPrefix + column);
        }
        return sb.toString();
    }
}
