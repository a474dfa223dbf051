package dev.segue.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/** Users' libraries and hours of analysis must survive every upgrade. */
class MigrationSafetyTest {

    /**
     * What a user has at each version, written as soon as the version's migration creates the table: tracks
     * at V1, genres at V2, analyses at V3, playlists at V4. A new migration adds its own entry.
     */
    private static final Map<String, List<String>> FILL_AT = Map.of(
            "1", List.of(
                    "INSERT INTO artists (name, name_key, sort_name) VALUES ('The Artist', 'the artist', 'artist, the')",
                    "INSERT INTO albums (title, title_key, album_artist_id, year) SELECT 'Album', 'album', id, 1999 FROM artists",
                    """
                    INSERT INTO tracks (file_path, file_size, file_mtime, content_key, title, artist_id, album_id, track_no, tag_genres)
                    SELECT '/music/a/' || g || '.flac', 1000 + g, now(), md5(g::text), 'Track ' || g, ar.id, al.id, g, ARRAY['Jazz']
                    FROM generate_series(1, 50) g, artists ar, albums al""",
                    "INSERT INTO scan_runs (roots, trigger, status) VALUES (ARRAY['/music'], 'api', 'completed')",
                    "INSERT INTO scan_errors (scan_run_id, path, reason) SELECT id, '/music/bad.mp3', 'truncated' FROM scan_runs"),
            "2", List.of(
                    "INSERT INTO genres (name) VALUES ('jazz')",
                    "INSERT INTO genres (name, parent_id) SELECT 'bebop', id FROM genres WHERE name = 'jazz'",
                    "INSERT INTO track_genres (track_id, genre_id, source, weight) SELECT t.id, g.id, 'file', 0.5 FROM tracks t, genres g",
                    "INSERT INTO album_genres (album_id, genre_id, source, weight) SELECT a.id, g.id, 'lastfm_album', 0.8 FROM albums a, genres g",
                    "INSERT INTO artist_genres (artist_id, genre_id, source, weight) SELECT a.id, g.id, 'musicbrainz_artist', 1 FROM artists a, genres g",
                    """
                    INSERT INTO enrichment_state (entity_type, entity_id, source, status, attempts, fetched_at, raw_tags)
                    SELECT 'artist', id, 'lastfm', 'found', 1, now(), '[{"name": "jazz", "count": 100}]'::jsonb FROM artists"""),
            "3", List.of(
                    "INSERT INTO sonic_analyses (track_id, analyzer_version, status, decoder, content_key) SELECT id, 1, 'ok', 'ffmpeg', content_key FROM tracks",
                    """
                    INSERT INTO sonic_segments (track_id, analyzer_version, segment, start_ms, length_ms, features)
                    SELECT a.track_id, 1, seg, 0, 30000, ARRAY[1.5, 2.25, a.track_id]::real[] FROM sonic_analyses a,
                           unnest(ARRAY['beginning', 'middle', 'end', 'average']) seg"""),
            "4", List.of(
                    "INSERT INTO playlists (name, request) VALUES ('Evening', '{\"seed\": 1}'::jsonb)",
                    """
                    INSERT INTO playlist_tracks (playlist_id, position, track_id, total_score)
                    SELECT p.id, row_number() OVER (ORDER BY t.id) - 1, t.id, 0.9 FROM playlists p, tracks t"""));

    /**
     * Steps through every migration one at a time. Before each step the database holds what a user had at
     * that version; after it, every row of every table must still be there with the same values in the
     * columns it had.
     */
    @Test
    void everyRowWrittenAtAnyVersionSurvivesEveryLaterMigration() throws Exception {
        TestDatabase db = TestDatabase.get();
        String url = db.createDatabase("upgrade");
        List<MigrationInfo> steps = List.of(Flyway.configure().dataSource(url, db.username(), db.password()).load().info().pending());
        assertThat(steps).extracting(m -> m.getVersion().getVersion()).startsWith("1", "2", "3", "4");

        Map<String, Snapshot> kept = Map.of();
        for (MigrationInfo step : steps) {
            String version = step.getVersion().getVersion();
            Flyway.configure().dataSource(url, db.username(), db.password()).target(version).load().migrate();
            try (Connection c = DriverManager.getConnection(url, db.username(), db.password())) {
                assertUnchanged(snapshot(c, kept), kept, "V" + version);
                try (Statement s = c.createStatement()) {
                    for (String sql : FILL_AT.getOrDefault(version, List.of())) {
                        s.execute(sql);
                    }
                }
                kept = snapshot(c, null);
            }
        }

        assertThat(kept.get("tracks").rows()).isEqualTo(50);
        assertThat(kept.get("genres").rows()).isEqualTo(2);
        assertThat(kept.get("track_genres").rows()).isEqualTo(100);
        assertThat(kept.get("sonic_analyses").rows()).isEqualTo(50);
        assertThat(kept.get("sonic_segments").rows()).isEqualTo(200);
        assertThat(kept.get("playlist_tracks").rows()).isEqualTo(50);

        assertThat(Flyway.configure().dataSource(url, db.username(), db.password()).load().migrate().migrationsExecuted)
                .as("re-running migrations on an up-to-date database changes nothing").isZero();
        try (Connection c = DriverManager.getConnection(url, db.username(), db.password())) {
            assertUnchanged(snapshot(c, kept), kept, "a second migrate");
        }
    }

    private static void assertUnchanged(Map<String, Snapshot> now, Map<String, Snapshot> before, String step) {
        assertThat(now.keySet()).as("tables after %s", step).containsExactlyElementsOf(before.keySet());
        before.forEach((table, snapshot) -> assertThat(now.get(table)).as("rows of %s after %s", table, step).isEqualTo(snapshot));
    }

    /** Row count and a digest of the rows' values, over the columns {@code columns} names. */
    private record Snapshot(List<String> columns, long rows, String digest) {
    }

    /**
     * Snapshots of every table but Flyway's history; with {@code earlier}, of exactly the tables and
     * columns it has, so a column a later migration adds does not count as a change.
     */
    private static Map<String, Snapshot> snapshot(Connection c, Map<String, Snapshot> earlier) throws SQLException {
        Map<String, List<String>> columns = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
                ORDER BY table_name, ordinal_position""")) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        if (earlier != null) {
            columns.keySet().retainAll(earlier.keySet());
            earlier.forEach((table, snap) -> columns.put(table, snap.columns()));
        }
        Map<String, Snapshot> snapshots = new TreeMap<>();
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, List<String>> table : columns.entrySet()) {
                String row = "ROW(" + String.join(", ", table.getValue().stream().map(col -> '"' + col + '"').toList()) + ")::text";
                try (ResultSet rs = s.executeQuery("SELECT count(*), md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) FROM (SELECT "
                        + row + " AS r FROM " + table.getKey() + ") x")) {
                    rs.next();
                    snapshots.put(table.getKey(), new Snapshot(table.getValue(), rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return snapshots;
    }

    private static final Pattern DESTRUCTIVE = Pattern.compile(
            "\\b(DROP\\s+(TABLE|COLUMN|SCHEMA)|TRUNCATE|DELETE\\s+FROM|ALTER\\s+COLUMN\\s+\\w+\\s+TYPE)\\b");

    /**
     * A migration that drops or rewrites data needs a reviewed exception here, with the reason; a
     * typo'd DROP never reaches a user's database unnoticed.
     */
    @Test
    void noMigrationDropsOrRewritesData() throws IOException, URISyntaxException {
        URL location = getClass().getClassLoader().getResource("db/migration");
        assertThat(location).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
            List<Path> migrations = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
            assertThat(migrations).isNotEmpty();
            for (Path migration : migrations) {
                String sql = withoutComments(read(migration)).toUpperCase(Locale.ROOT);
                assertThat(DESTRUCTIVE.matcher(sql).find())
                        .as("%s drops or rewrites data", migration.getFileName()).isFalse();
            }
        }
    }

    private static String read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("--[^\\n]*", "");
    }
}
