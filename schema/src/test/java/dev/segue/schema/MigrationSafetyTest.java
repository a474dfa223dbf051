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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Users' libraries and hours of analysis must survive every upgrade. */
class MigrationSafetyTest {

    private static final List<String> COUNTED = List.of("artists", "albums", "tracks", "genres", "track_genres",
            "album_genres", "artist_genres", "enrichment_state", "sonic_analyses", "sonic_segments", "playlists", "playlist_tracks");

    @Test
    void aDatabasePopulatedAtV1KeepsEveryRowThroughAllLaterMigrations() throws Exception {
        TestDatabase db = TestDatabase.get();
        String url = db.createDatabase("upgrade");
        Flyway.configure().dataSource(url, db.username(), db.password()).target("1").load().migrate();

        try (Connection c = DriverManager.getConnection(url, db.username(), db.password()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO artists (name, name_key, sort_name) VALUES ('The Artist', 'the artist', 'artist, the')");
            s.execute("INSERT INTO albums (title, title_key, album_artist_id) SELECT 'Album', 'album', id FROM artists");
            s.execute("""
                    INSERT INTO tracks (file_path, file_size, file_mtime, title, artist_id, album_id, tag_genres)
                    SELECT '/music/a/' || g || '.flac', 1000 + g, now(), 'Track ' || g, ar.id, al.id, ARRAY['Jazz']
                    FROM generate_series(1, 50) g, artists ar, albums al""");
        }
        Map<String, Long> atV1 = counts(url, db);

        Flyway.configure().dataSource(url, db.username(), db.password()).load().migrate();
        Map<String, Long> afterUpgrade = counts(url, db);
        assertThat(afterUpgrade).containsAllEntriesOf(atV1);

        try (Connection c = DriverManager.getConnection(url, db.username(), db.password()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO genres (name) VALUES ('jazz')");
            s.execute("INSERT INTO track_genres (track_id, genre_id, source, weight) SELECT t.id, g.id, 'file', 1 FROM tracks t, genres g");
            s.execute("INSERT INTO sonic_analyses (track_id, analyzer_version, status) SELECT id, 1, 'ok' FROM tracks");
            s.execute("""
                    INSERT INTO sonic_segments (track_id, analyzer_version, segment, features)
                    SELECT a.track_id, 1, seg, ARRAY[1.0, 2.0]::real[] FROM sonic_analyses a,
                           unnest(ARRAY['beginning', 'middle', 'end', 'average']) seg""");
        }
        Map<String, Long> populated = counts(url, db);
        assertThat(populated).containsEntry("tracks", 50L).containsEntry("sonic_segments", 200L).containsEntry("track_genres", 50L);

        assertThat(Flyway.configure().dataSource(url, db.username(), db.password()).load().migrate().migrationsExecuted)
                .as("re-running migrations on an up-to-date database changes nothing").isZero();
        assertThat(counts(url, db)).isEqualTo(populated);
    }

    private static Map<String, Long> counts(String url, TestDatabase db) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, db.username(), db.password()); Statement s = c.createStatement()) {
            for (String table : COUNTED) {
                try (ResultSet exists = s.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
                    exists.next();
                    if (!exists.getBoolean(1)) {
                        continue;
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
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
