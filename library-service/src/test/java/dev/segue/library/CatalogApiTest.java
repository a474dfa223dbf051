package dev.segue.library;

import static dev.segue.library.AudioFixtures.tagged;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import dev.segue.library.config.LibraryConfig;
import dev.segue.testing.PostgresTestResource;
import dev.segue.testing.RunConvention;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** REST contracts of scans, browsing, stats and the purge. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = LibraryTestResource.class, scope = TestResourceScope.GLOBAL)
class CatalogApiTest {

    @Inject
    LibraryConfig config;

    @Inject
    AgroalDataSource dataSource;

    Path folder;
    String tag;

    @BeforeEach
    void folder() throws Exception {
        tag = UUID.randomUUID().toString().substring(0, 8);
        folder = Files.createDirectories(config.roots().get(0).resolve("api-" + tag));
    }

    @Test
    void scanRequestsOutsideTheRootsAreRejected() {
        given().contentType(ContentType.JSON).body(Map.of("root", "/etc")).post("/api/scans").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("outside the configured library roots"));
        given().contentType(ContentType.JSON).body(Map.of("root", folder + "/../../../etc")).post("/api/scans").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("root", "relative/path")).post("/api/scans").then().statusCode(400)
                .body("detail", containsString("absolute"));
        given().get("/api/scans/987654321").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aSymlinkInsideARootCannotLeadAScanOutsideIt() throws Exception {
        Path outside = Files.createTempDirectory("outside-" + tag);
        Path link = Files.createSymbolicLink(folder.resolve("escape"), outside);
        given().contentType(ContentType.JSON).body(Map.of("root", link.toString())).post("/api/scans").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("symbolic link"));
    }

    @Test
    void aSecondScanOfABusyFolderIsAConflict() throws Exception {
        long busy;
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "INSERT INTO scan_runs (roots, trigger, status) VALUES (?, 'api', 'running') RETURNING id")) {
            ps.setArray(1, c.createArrayOf("text", new String[] {folder.toString()}));
            var rs = ps.executeQuery();
            rs.next();
            busy = rs.getLong(1);
        }
        try {
            RunConvention.assertNamesActiveRun(given().contentType(ContentType.JSON).body(Map.of("root", folder.resolve("inner").toString()))
                    .post("/api/scans").then().body("detail", containsString("already running")), "/api/scans", busy);
            given().delete("/api/tracks/missing?olderThan=P1D").then().statusCode(409).body("activeRun.id", equalTo((int) busy));
            given().delete("/api/scans/" + busy).then().statusCode(200).body("status", equalTo("cancelled"))
                    .body("message", containsString("Cancelled")).body("finishedAt", org.hamcrest.Matchers.notNullValue());
            // a finished run is answered unchanged
            given().delete("/api/scans/" + busy).then().statusCode(200).body("status", equalTo("cancelled"));
        } finally {
            try (Connection c = dataSource.getConnection()) {
                c.createStatement().executeUpdate("UPDATE scan_runs SET status = 'completed', finished_at = now() WHERE id = " + busy);
            }
        }
    }

    @Test
    void scanRunsAreListedNewestFirstInPages() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < 4; i++) {
                c.createStatement().executeUpdate("INSERT INTO scan_runs (roots, trigger, status, finished_at) "
                        + "VALUES ('{/nowhere}', 'api', 'completed', now())");
            }
        }
        RunConvention.assertListedNewestFirstInPages("/api/scans");
    }

    @Test
    void scanRunResourceAndBrowsing() {
        tagged("mp3", folder.resolve("a.mp3"), Map.of(FieldKey.TITLE, "Alpha " + tag, FieldKey.ARTIST, "The Browsers " + tag,
                FieldKey.ALBUM, "Browse " + tag, FieldKey.GENRE, "Shoegaze " + tag, FieldKey.TRACK, "1"));
        tagged("flac", folder.resolve("b.flac"), Map.of(FieldKey.TITLE, "Beta " + tag, FieldKey.ARTIST, "The Browsers " + tag,
                FieldKey.ALBUM, "Browse " + tag, FieldKey.TRACK, "2"));
        tagged("ogg", folder.resolve("c.ogg"), Map.of(FieldKey.TITLE, "Gamma " + tag, FieldKey.ARTIST, "Someone " + tag));
        Files.exists(folder);

        String location = given().contentType(ContentType.JSON).body(Map.of("root", folder.toString())).post("/api/scans")
                .then().statusCode(202).header("Location", containsString("/api/scans/"))
                .body("status", equalTo("running")).extract().header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        JsonPath run = Scans.await(id);
        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getList("roots")).containsExactly(folder.toString());
        assertThat(run.getInt("done")).isEqualTo(3);
        assertThat(run.getDouble("ratePerSecond")).isPositive();
        assertThat(run.getString("finishedAt")).isNotNull();
        given().get("/api/scans?size=200").then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem((int) id));
        given().get("/api/scans/" + id + "/errors").then().statusCode(200).body("total", equalTo(0));

        given().queryParam("artist", "the browsers " + tag).get("/api/tracks").then().statusCode(200)
                .body("total", equalTo(2)).body("items.title", equalTo(List.of("Alpha " + tag, "Beta " + tag)));
        given().queryParam("album", "Browse " + tag).get("/api/tracks").then().body("total", equalTo(2));
        given().queryParam("genre", "shoegaze " + tag).get("/api/tracks").then().body("total", equalTo(1))
                .body("items[0].title", equalTo("Alpha " + tag));
        given().queryParam("q", "gamma " + tag).get("/api/tracks").then().body("total", equalTo(1));
        given().queryParam("q", tag).queryParam("size", 2).queryParam("page", 1).get("/api/tracks").then()
                .body("total", equalTo(3)).body("items.size()", equalTo(1));
        given().queryParam("status", "gone").get("/api/tracks").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("size", 0).get("/api/tracks").then().statusCode(400);
        given().get("/api/tracks/987654321").then().statusCode(404).contentType("application/problem+json");

        given().queryParam("q", "Browsers " + tag).get("/api/artists").then().statusCode(200)
                .body("items[0].name", equalTo("The Browsers " + tag)).body("items[0].sortName", equalTo("browsers " + tag + ", the"))
                .body("items[0].trackCount", equalTo(2)).body("items[0].albumCount", equalTo(1));
        given().queryParam("q", "Browse " + tag).get("/api/albums").then().statusCode(200)
                .body("items[0].albumArtist", equalTo("The Browsers " + tag)).body("items[0].trackCount", equalTo(2));
        given().get("/api/stats").then().statusCode(200)
                .body("tracks", greaterThanOrEqualTo(3)).body("byFormat.flac", greaterThanOrEqualTo(1));
    }

    @Test
    void searchFindsEveryWordInAnyFieldAndListsExactTitlesFirst() {
        tagged("mp3", folder.resolve("01 so what.mp3"), Map.of(FieldKey.TITLE, "So What Else " + tag, FieldKey.ARTIST, "Quintet " + tag,
                FieldKey.ALBUM, "Evening " + tag));
        tagged("mp3", folder.resolve("02 Freddie.mp3"), Map.of(FieldKey.TITLE, "Freddie " + tag, FieldKey.ARTIST, "Miles " + tag,
                FieldKey.ALBUM, "Evening " + tag));
        tagged("mp3", folder.resolve("03 take-" + tag + ".mp3"), Map.of(FieldKey.TITLE, "So What " + tag, FieldKey.ARTIST, "Zoot " + tag));
        Scans.scan(folder);

        // words from the artist and the title, in any order and case
        given().queryParam("q", "freddie MILES " + tag).get("/api/tracks").then().body("total", equalTo(1))
                .body("items[0].title", equalTo("Freddie " + tag));
        // the album's title, and a word only the file name has
        given().queryParam("q", "evening " + tag).get("/api/tracks").then().body("total", equalTo(2));
        given().queryParam("q", "take-" + tag).get("/api/tracks").then().body("total", equalTo(1))
                .body("items[0].title", equalTo("So What " + tag));
        // "So What <tag>" is a title exactly: listed before "So What Else", which sorts first by artist
        given().queryParam("q", "so what " + tag).get("/api/tracks").then().body("total", equalTo(2))
                .body("items.title", equalTo(List.of("So What " + tag, "So What Else " + tag)));
        // past the last page the total is still counted
        given().queryParam("q", "so what " + tag).queryParam("page", 5).get("/api/tracks").then().statusCode(200)
                .body("total", equalTo(2)).body("items.size()", equalTo(0));
        given().queryParam("q", "so what nothing-" + tag).get("/api/tracks").then().body("total", equalTo(0));
    }

    @Test
    void aSearchCountsUpToACapAndStillListsExactTitlesFirstOnEveryPage() throws Exception {
        // 1,002 tracks of one artist (as a scan writes them): two titled exactly as searched, which sort last by title
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("INSERT INTO artists (name, name_key, sort_name) VALUES ('Many %1$s', 'many %1$s', 'many %1$s')".formatted(tag));
            st.executeUpdate("""
                    INSERT INTO tracks (file_path, file_size, file_mtime, title, artist_id)
                    SELECT '/many-%1$s/' || g || '.mp3', 1, now(), CASE WHEN g > 1000 THEN 'Crowd %1$s' ELSE 'A crowd %1$s ' || g END, a.id
                    FROM generate_series(1, 1002) g, artists a WHERE a.name_key = 'many %1$s'""".formatted(tag));
        }
        try {
            given().queryParam("q", "crowd " + tag).queryParam("size", 3).get("/api/tracks").then().statusCode(200)
                    .body("total", equalTo(1000)).body("totalExact", equalTo(false))
                    .body("items.title", equalTo(List.of("Crowd " + tag, "Crowd " + tag, "A crowd " + tag + " 1")));
            given().queryParam("q", "crowd " + tag).queryParam("size", 3).queryParam("page", 1).get("/api/tracks").then()
                    .body("items.title", equalTo(List.of("A crowd " + tag + " 10", "A crowd " + tag + " 100", "A crowd " + tag + " 1000")));
            for (int page = 0; page < 3; page++) {
                given().queryParam("q", "crowd " + tag).queryParam("size", 1).queryParam("page", page).get("/api/tracks").then()
                        .body("items[0].title", equalTo(page < 2 ? "Crowd " + tag : "A crowd " + tag + " 1"));
            }
            given().queryParam("q", "crowd " + tag + " 999").get("/api/tracks").then().body("total", equalTo(1)).body("totalExact", equalTo(true));
            // a listing that is not a search counts exactly
            given().queryParam("artist", "many " + tag).queryParam("size", 1).get("/api/tracks").then()
                    .body("total", equalTo(1002)).body("totalExact", equalTo(true));
        } finally {
            try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
                st.executeUpdate("DELETE FROM tracks WHERE file_path LIKE '/many-" + tag + "/%'");
                st.executeUpdate("DELETE FROM artists WHERE name_key = 'many " + tag + "'");
            }
        }
    }

    @Test
    void artistAndAlbumSearchesCountUpToTheCapAndListingsCountExactly() throws Exception {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("""
                    INSERT INTO artists (name, name_key, sort_name)
                    SELECT 'Throng %1$s ' || g, 'throng %1$s ' || g, 'throng %1$s ' || lpad(g::text, 4, '0')
                    FROM generate_series(1, 1002) g""".formatted(tag));
            st.executeUpdate("""
                    INSERT INTO albums (title, title_key, album_artist_id)
                    SELECT 'Throng album %1$s ' || g, 'throng album %1$s ' || g, a.id
                    FROM generate_series(1, 1002) g, artists a WHERE a.name_key = 'throng %1$s 1'""".formatted(tag));
        }
        try {
            given().queryParam("q", "throng " + tag).queryParam("size", 2).get("/api/artists").then().statusCode(200)
                    .body("total", equalTo(1000)).body("totalExact", equalTo(false))
                    .body("items.name", equalTo(List.of("Throng " + tag + " 1", "Throng " + tag + " 2")));
            given().queryParam("q", "throng " + tag + " 999").get("/api/artists").then()
                    .body("total", equalTo(1)).body("totalExact", equalTo(true)).body("items[0].albumCount", equalTo(0));
            given().queryParam("q", "throng album " + tag).queryParam("size", 1).get("/api/albums").then()
                    .body("total", equalTo(1000)).body("totalExact", equalTo(false));
            given().queryParam("q", "throng album " + tag + " 1001").get("/api/albums").then()
                    .body("total", equalTo(1)).body("items[0].title", equalTo("Throng album " + tag + " 1001"));
            // a listing that is not a search counts exactly, on a page past the last too
            given().queryParam("artist", "throng " + tag + " 1").queryParam("size", 5).queryParam("page", 300).get("/api/albums").then()
                    .body("total", equalTo(1002)).body("totalExact", equalTo(true)).body("items.size()", equalTo(0));
        } finally {
            try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
                st.executeUpdate("DELETE FROM albums WHERE title_key LIKE 'throng album " + tag + " %'");
                st.executeUpdate("DELETE FROM artists WHERE name_key LIKE 'throng " + tag + " %'");
            }
        }
    }

    @Test
    void statsCountPresentTracksTheirAlbumsAndArtistsAndTheMissingOnes() throws Exception {
        JsonPath before = given().get("/api/stats").then().statusCode(200).extract().jsonPath();
        Path one = tagged("mp3", folder.resolve("one.mp3"), Map.of(FieldKey.TITLE, "One " + tag, FieldKey.ARTIST, "Solo " + tag,
                FieldKey.ALBUM, "Together " + tag, FieldKey.ALBUM_ARTIST, "Various " + tag));
        Path two = tagged("flac", folder.resolve("two.flac"), Map.of(FieldKey.TITLE, "Two " + tag, FieldKey.ARTIST, "Duo " + tag,
                FieldKey.ALBUM, "Together " + tag, FieldKey.ALBUM_ARTIST, "Various " + tag));
        Path gone = tagged("ogg", folder.resolve("gone.ogg"), Map.of(FieldKey.TITLE, "Gone " + tag, FieldKey.ARTIST, "Solo " + tag));
        Scans.scan(folder);
        Files.delete(gone);
        Scans.scan(folder);

        JsonPath after = given().get("/api/stats").then().statusCode(200).extract().jsonPath();
        assertThat(after.getLong("tracks") - before.getLong("tracks")).isEqualTo(2);
        assertThat(after.getLong("albums") - before.getLong("albums")).isEqualTo(1);
        // the album artist counts though no track of its own is present
        assertThat(after.getLong("artists") - before.getLong("artists")).isEqualTo(3);
        assertThat(after.getLong("missing") - before.getLong("missing")).isEqualTo(1);
        assertThat(after.getLong("totalBytes") - before.getLong("totalBytes")).isEqualTo(Files.size(one) + Files.size(two));
        assertThat(format(after, "mp3") - format(before, "mp3")).isEqualTo(1);
        assertThat(format(after, "flac") - format(before, "flac")).isEqualTo(1);
        assertThat(format(after, "ogg")).isEqualTo(format(before, "ogg"));
        long durations = given().queryParam("album", "Together " + tag).get("/api/tracks").then().extract().jsonPath()
                .<Number>getList("items.durationMs").stream().mapToLong(Number::longValue).sum();
        assertThat(after.getLong("totalDurationMs") - before.getLong("totalDurationMs")).isEqualTo(durations);
    }

    private static long format(JsonPath stats, String format) {
        Number tracks = stats.get("byFormat." + format);
        return tracks == null ? 0 : tracks.longValue();
    }

    @Test
    void searchFindsATrackByItsOtherTitlesAndByEveryOneOfItsArtists() throws Exception {
        Path multi = AudioFixtures.audio("flac", folder.resolve("multi.flac"));
        AudioFile file = AudioFileIO.read(multi.toFile());
        Tag vorbis = file.getTagOrCreateAndSetDefault();
        vorbis.setField(FieldKey.TITLE, "Primary-" + tag);
        vorbis.addField(FieldKey.TITLE, "Alternate-" + tag);
        vorbis.setField(FieldKey.ARTIST, "Lead-" + tag);
        vorbis.addField(FieldKey.ARTIST, "Guest-" + tag);
        vorbis.addField(FieldKey.ARTIST, "Third-" + tag);
        file.commit();
        tagged("flac", folder.resolve("other.flac"), Map.of(FieldKey.TITLE, "Unrelated-" + tag, FieldKey.ARTIST, "Nobody-" + tag));
        Scans.scan(folder);

        // the second title is searchable, never displayed
        given().queryParam("q", "alternate-" + tag).get("/api/tracks").then().body("total", equalTo(1))
                .body("items[0].title", equalTo("Primary-" + tag)).body("items[0].artist", equalTo("Lead-" + tag));
        for (String artist : List.of("Lead-", "Guest-", "Third-")) {
            given().queryParam("q", artist + tag).get("/api/tracks").then().body("total", equalTo(1))
                    .body("items[0].title", equalTo("Primary-" + tag));
        }
        // every word in some field: the other title and a later artist together
        given().queryParam("q", "Third-" + tag + " alternate-" + tag).get("/api/tracks").then().body("total", equalTo(1));
        given().queryParam("q", "Guest-" + tag + " Unrelated-" + tag).get("/api/tracks").then().body("total", equalTo(0));
    }

    @Test
    void searchFoldsAccentsAndCaseAndMatchesPercentAndUnderscoreAsWritten() {
        tagged("mp3", folder.resolve("cafe.mp3"), Map.of(FieldKey.TITLE, "Café Ñandú " + tag, FieldKey.ARTIST, "Beyoncé " + tag,
                FieldKey.ALBUM, "Été à Åland " + tag));
        tagged("mp3", folder.resolve("percent.mp3"), Map.of(FieldKey.TITLE, "100% Pure_Love " + tag, FieldKey.ARTIST, "Plain " + tag));
        tagged("mp3", folder.resolve("plain.mp3"), Map.of(FieldKey.TITLE, "1000 PureXLove " + tag, FieldKey.ARTIST, "Plain " + tag));
        Scans.scan(folder);

        given().queryParam("q", "CAFE nandu " + tag).get("/api/tracks").then().body("total", equalTo(1))
                .body("items[0].title", equalTo("Café Ñandú " + tag));
        given().queryParam("q", "beyonce ete aland " + tag).get("/api/tracks").then().body("total", equalTo(1));
        given().queryParam("q", "BEYONCE " + tag).get("/api/artists").then().body("total", equalTo(1))
                .body("items[0].name", equalTo("Beyoncé " + tag));
        given().queryParam("q", "ete a aland " + tag).get("/api/albums").then().body("total", equalTo(1))
                .body("items[0].title", equalTo("Été à Åland " + tag));
        // % and _ are characters, not wildcards: "100%" is not "1000", "pure_love" is not "PureXLove"
        given().queryParam("q", "100% " + tag).get("/api/tracks").then().body("total", equalTo(1))
                .body("items[0].title", equalTo("100% Pure_Love " + tag));
        given().queryParam("q", "pure_love " + tag).get("/api/tracks").then().body("total", equalTo(1));
        given().queryParam("q", "plain " + tag).get("/api/tracks").then().body("total", equalTo(2));
    }

    @Test
    void searchFollowsAMovedFileARetaggedTitleAndARenamedArtistOrAlbum() throws Exception {
        Path file = tagged("mp3", folder.resolve("first-" + tag + ".mp3"), Map.of(FieldKey.TITLE, "Before " + tag,
                FieldKey.ARTIST, "Renamer " + tag, FieldKey.ALBUM, "Old Album " + tag));
        Scans.scan(folder);
        given().queryParam("q", "first-" + tag).get("/api/tracks").then().body("total", equalTo(1));

        Path moved = folder.resolve("second-" + tag + ".mp3");
        Files.move(file, moved);
        assertThat(Scans.scan(folder).getInt("moved")).isEqualTo(1);
        given().queryParam("q", "second-" + tag).get("/api/tracks").then().body("total", equalTo(1));
        given().queryParam("q", "first-" + tag).get("/api/tracks").then().body("total", equalTo(0));

        AudioFixtures.tag(moved, Map.of(FieldKey.TITLE, "After " + tag));
        Files.setLastModifiedTime(moved, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Scans.scan(folder);
        given().queryParam("q", "after " + tag).get("/api/tracks").then().body("total", equalTo(1));
        given().queryParam("q", "before " + tag).get("/api/tracks").then().body("total", equalTo(0));

        // names changed in the catalogue itself: the tracks' search text follows (V12's triggers)
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE artists SET name = 'Umbenannt " + tag + "' WHERE name = 'Renamer " + tag + "'");
            st.executeUpdate("UPDATE albums SET title = 'New Album " + tag + "' WHERE title = 'Old Album " + tag + "'");
        }
        given().queryParam("q", "umbenannt new " + tag).get("/api/tracks").then().body("total", equalTo(1))
                .body("items[0].artist", equalTo("Umbenannt " + tag)).body("items[0].album", equalTo("New Album " + tag));
        given().queryParam("q", "old album " + tag).get("/api/tracks").then().body("total", equalTo(0));
        // the file's own tags still say Renamer, and a track is found by every artist its tags name
        given().queryParam("q", "renamer " + tag).get("/api/tracks").then().body("total", equalTo(1));
        given().queryParam("q", "renamer " + tag).get("/api/artists").then().body("total", equalTo(0));
        given().queryParam("q", "umbenannt " + tag).get("/api/artists").then().body("total", equalTo(1));
        given().queryParam("q", "new album " + tag).get("/api/albums").then().body("total", equalTo(1));
    }

    @Test
    void aTrackWhoseLengthIsNotTheHeadersSaysHowItWasFound() throws Exception {
        Path plain = tagged("m4a", folder.resolve("plain.m4a"), Map.of(FieldKey.TITLE, "Plain " + tag));
        Path overrun = tagged("m4a", folder.resolve("overrun.m4a"), Map.of(FieldKey.TITLE, "Overrun " + tag));
        // a trailing free atom claiming a kilobyte the file does not have: jaudiotagger refuses it, the audio is intact
        Files.write(overrun, new byte[] {0, 0, 4, 0, 'f', 'r', 'e', 'e'}, java.nio.file.StandardOpenOption.APPEND);
        Scans.scan(folder);

        JsonPath lenient = given().queryParam("q", "Overrun " + tag).get("/api/tracks").then().body("total", equalTo(1))
                .extract().jsonPath();
        assertThat(lenient.getString("items[0].lengthNote")).contains("the 'free' atom runs 1016 bytes past the end of the file");
        assertThat(lenient.getInt("items[0].durationMs")).isBetween(950, 1100);
        given().get("/api/tracks/" + lenient.getLong("items[0].id")).then().statusCode(200)
                .body("lengthNote", containsString("sample table"));
        given().queryParam("q", "Plain " + tag).get("/api/tracks").then().body("total", equalTo(1))
                .body("items[0].lengthNote", org.hamcrest.Matchers.nullValue());
        assertThat(plain).exists();
    }

    @Test
    void missingTracksArePurgedOnlyOnRequest() throws Exception {
        Path doomed = tagged("mp3", folder.resolve("doomed.mp3"), Map.of(FieldKey.TITLE, "Doomed " + tag, FieldKey.ARTIST, "Lonely " + tag));
        tagged("mp3", folder.resolve("kept.mp3"), Map.of(FieldKey.TITLE, "Kept " + tag));
        Scans.scan(folder);
        Files.delete(doomed);
        assertThat(Scans.scan(folder).getInt("missing")).isEqualTo(1);
        given().queryParam("q", "Doomed " + tag).queryParam("status", "missing").get("/api/tracks").then().body("total", equalTo(1));

        given().delete("/api/tracks/missing").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("olderThan"));
        given().delete("/api/tracks/missing?olderThan=yesterday").then().statusCode(400);
        given().delete("/api/tracks/missing?olderThan=P1D").then().statusCode(200).body("tracks", equalTo(0));
        given().queryParam("q", "Doomed " + tag).get("/api/tracks").then().body("total", equalTo(1));

        given().delete("/api/tracks/missing?olderThan=PT0S").then().statusCode(200)
                .body("tracks", greaterThanOrEqualTo(1)).body("artists", greaterThanOrEqualTo(1))
                .body("missingBefore", endsWith("Z"));
        given().queryParam("q", "Doomed " + tag).get("/api/tracks").then().body("total", equalTo(0));
        given().queryParam("q", "Lonely " + tag).get("/api/artists").then().body("total", equalTo(0));
        given().queryParam("q", "Kept " + tag).get("/api/tracks").then().body("total", equalTo(1));
    }
}
