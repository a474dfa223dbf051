package dev.segue.library.migration;

import dev.segue.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;

/** A new database migrated to an older schema version and filled with what exists at that version. */
final class PopulatedDatabase {

    static final int TRACKS = 30;
    /** Every table whose rows a user would miss, in the order they came with the migrations. */
    static final List<String> COUNTED = List.of("artists", "albums", "tracks", "genres", "track_genres", "sonic_analyses", "sonic_segments");

    private PopulatedDatabase() {
    }

    /** Creates the database with plain Flyway (no backup callback) up to {@code version}, then fills it. */
    static String create(String prefix, int version) {
        TestDatabase db = TestDatabase.get();
        String url = db.createDatabase(prefix);
        Flyway.configure().dataSource(url, db.username(), db.password()).locations("classpath:db/migration")
                .target(String.valueOf(version)).load().migrate();
        fill(url, version);
        return url;
    }

    static void fill(String url, int version) {
        TestDatabase db = TestDatabase.get();
        try (Connection c = DriverManager.getConnection(url, db.username(), db.password()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO artists (name, name_key, sort_name) VALUES ('The Artist', 'the artist', 'artist, the')");
            s.execute("INSERT INTO albums (title, title_key, album_artist_id) SELECT 'Album', 'album', id FROM artists");
            s.execute("""
                    INSERT INTO tracks (file_path, file_size, file_mtime, title, artist_id, album_id, tag_genres)
                    SELECT '/music/a/' || g || '.flac', 1000 + g, now(), 'Track ' || g, ar.id, al.id, ARRAY['Jazz']
                    FROM generate_series(1, %d) g, artists ar, albums al""".formatted(TRACKS));
            if (version >= 2) {
                s.execute("INSERT INTO genres (name) VALUES ('jazz'), ('bebop')");
                s.execute("UPDATE genres SET parent_id = (SELECT id FROM genres WHERE name = 'jazz') WHERE name = 'bebop'");
                s.execute("INSERT INTO track_genres (track_id, genre_id, source, weight) SELECT t.id, g.id, 'file', 0.5 FROM tracks t, genres g");
            }
            if (version >= 3) {
                s.execute("INSERT INTO sonic_analyses (track_id, analyzer_version, status, decoder) SELECT id, 1, 'ok', 'ffmpeg' FROM tracks");
                s.execute("""
                        INSERT INTO sonic_segments (track_id, analyzer_version, segment, features)
                        SELECT a.track_id, 1, seg, ARRAY[1.5, 2.25, a.track_id]::real[] FROM sonic_analyses a,
                               unnest(ARRAY['beginning', 'middle', 'end', 'average']) seg""");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not fill " + url, e);
        }
    }

    /** Row counts of the {@link #COUNTED} tables that exist in the database. */
    static Map<String, Long> counts(String url) {
        TestDatabase db = TestDatabase.get();
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
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count rows in " + url, e);
        }
        return counts;
    }

    static String database(String url) {
        String path = url.substring(url.indexOf('/', "jdbc:postgresql://".length()) + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
