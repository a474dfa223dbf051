package dev.segue.library;

import static dev.segue.library.AudioFixtures.tagged;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.segue.library.config.LibraryConfig;
import dev.segue.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jaudiotagger.tag.FieldKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The data rules: a rescan never duplicates, identity is the file, nothing is lost to an unmounted disk. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = LibraryTestResource.class, scope = TestResourceScope.GLOBAL)
class ScanRulesTest {

    @Inject
    LibraryConfig config;

    @Inject
    AgroalDataSource dataSource;

    Path folder;
    String tag;

    @BeforeEach
    void folder() throws Exception {
        tag = UUID.randomUUID().toString().substring(0, 8);
        folder = Files.createDirectories(config.roots().get(0).resolve("rules-" + tag));
    }

    @Test
    void scanReadsTagsAndRescanningChangesNothing() throws Exception {
        UUID recording = UUID.randomUUID();
        UUID release = UUID.randomUUID();
        tagged("mp3", folder.resolve("a/one.mp3"), Map.of(FieldKey.TITLE, "One", FieldKey.ARTIST, "The Band " + tag,
                FieldKey.ALBUM, "First " + tag, FieldKey.TRACK, "1", FieldKey.TRACK_TOTAL, "12", FieldKey.YEAR, "1999-05-01",
                FieldKey.GENRE, "Rock; Pop", FieldKey.MUSICBRAINZ_TRACK_ID, recording.toString(),
                FieldKey.MUSICBRAINZ_RELEASEID, release.toString(), FieldKey.ISRC, "US-RC1-76-07839"));
        tagged("flac", folder.resolve("a/two.flac"), Map.of(FieldKey.TITLE, "Two", FieldKey.ARTIST, "the  band " + tag,
                FieldKey.ALBUM, "FIRST " + tag, FieldKey.TRACK, "2", FieldKey.GENRE, "Jazz"));
        tagged("ogg", folder.resolve("b/three.ogg"), Map.of(FieldKey.TITLE, "Three", FieldKey.ARTIST, "Solo " + tag,
                FieldKey.ALBUM, "Mix " + tag, FieldKey.IS_COMPILATION, "1"));
        tagged("m4a", folder.resolve("b/four.m4a"), Map.of(FieldKey.TITLE, "Four", FieldKey.ARTIST, "Other " + tag,
                FieldKey.ALBUM, "Mix " + tag, FieldKey.IS_COMPILATION, "1"));
        AudioFixtures.audio("mp3", folder.resolve("Path Artist " + tag + "/Path Album/07 Path Title.mp3"));
        AudioFixtures.audio("wav", folder.resolve("Path Artist " + tag + "/Path Album/08 Wave.wav"));
        Files.write(folder.resolve("a/tune.xm"), new byte[64]);
        Files.write(folder.resolve("a/cover.jpg"), new byte[64]);
        Files.write(folder.resolve("b/back.JPG"), new byte[64]);

        JsonPath first = Scans.scan(folder);
        assertThat(first.getString("status")).isEqualTo("completed");
        assertThat(first.getInt("total")).isEqualTo(6);
        assertThat(first.getInt("newTracks")).isEqualTo(6);
        assertThat(first.getInt("failed")).isZero();
        assertThat(first.getInt("skippedTotal")).isEqualTo(3);
        assertThat(first.getList("skipped.extension")).containsExactly(".jpg", ".xm");
        assertThat(first.getList("skipped.count")).containsExactly(2, 1);
        assertThat(first.getString("skipped[1].reason")).isEqualTo("no decoder for tracker modules");

        JsonPath one = track("One");
        // both spellings are one artist; which one names it depends on which file is read first
        assertThat(one.getString("artist")).isEqualToIgnoringCase("The Band " + tag);
        assertThat(one.getInt("trackNo")).isEqualTo(1);
        assertThat(one.getInt("trackTotal")).isEqualTo(12);
        assertThat(one.getInt("year")).isEqualTo(1999);
        assertThat(one.getList("tagGenres")).containsExactly("Rock", "Pop");
        assertThat(one.getString("mbidRecording")).isEqualTo(recording.toString());
        assertThat(one.getString("isrc")).isEqualTo("USRC17607839");
        assertThat(one.getString("format")).isEqualTo("mp3");
        assertThat(one.getInt("durationMs")).isBetween(900, 1200);
        assertThat(one.getInt("sampleRate")).isEqualTo(22050);
        assertThat(one.getInt("channels")).isEqualTo(1);
        JsonPath two = track("Two");
        assertThat(two.getLong("artistId")).as("artist matched on its normalized name").isEqualTo(one.getLong("artistId"));
        assertThat(two.getLong("albumId")).isEqualTo(one.getLong("albumId"));
        JsonPath three = track("Three");
        JsonPath four = track("Four");
        assertThat(three.getLong("albumId")).as("a compilation stays one album").isEqualTo(four.getLong("albumId"));
        assertThat(three.getString("albumArtist")).isEqualTo("Various Artists");
        assertThat(three.getLong("artistId")).isNotEqualTo(four.getLong("artistId"));
        JsonPath fallback = track("Path Title");
        assertThat(fallback.getString("artist")).isEqualTo("Path Artist " + tag);
        assertThat(fallback.getString("album")).isEqualTo("Path Album");
        assertThat(fallback.getInt("trackNo")).isEqualTo(7);
        assertThat(one.getString("artistSource")).isEqualTo("tags");
        assertThat(one.getString("albumSource")).isEqualTo("tags");
        assertThat(fallback.getString("artistSource")).isEqualTo("path");
        assertThat(fallback.getString("albumSource")).isEqualTo("path");
        assertThat(scalar("SELECT mbid_release::text FROM albums WHERE id = " + one.getLong("albumId"))).isEqualTo(release.toString());

        List<String> rowsBefore = rows();
        JsonPath second = Scans.scan(folder);
        assertThat(second.getString("status")).isEqualTo("completed");
        assertThat(second.getInt("unchanged")).isEqualTo(6);
        assertThat(second.getInt("newTracks") + second.getInt("updated") + second.getInt("moved") + second.getInt("missing")).isZero();
        assertThat(rows()).isEqualTo(rowsBefore);
        assertThat(Scans.scan(folder).getInt("unchanged")).isEqualTo(6);
        assertThat(rows()).isEqualTo(rowsBefore);
    }

    @Test
    void anUntaggedFileInOneFolderHasNoArtistAndTheFolderAsAlbum() throws Exception {
        AudioFixtures.audio("mp3", folder.resolve("Game " + tag + "/Loose " + tag + ".mp3"));
        assertThat(Scans.scan(folder).getInt("newTracks")).isEqualTo(1);
        JsonPath loose = track("Loose " + tag);
        assertThat(loose.getString("artist")).isEqualTo("Unknown Artist");
        assertThat(loose.getString("artistSource")).isEqualTo("none");
        assertThat(loose.getString("album")).isEqualTo("Game " + tag);
        assertThat(loose.getString("albumSource")).isEqualTo("path");
    }

    @Test
    void aCapitalisedSpellingNamesAnArtistFirstScannedInOneCase() throws Exception {
        tagged("mp3", folder.resolve("lower.mp3"), Map.of(FieldKey.TITLE, "Lower " + tag, FieldKey.ARTIST, "björk " + tag));
        Scans.scan(folder);
        given().queryParam("q", "bjork " + tag).get("/api/artists").then().body("items[0].name", equalTo("björk " + tag));

        tagged("flac", folder.resolve("proper.flac"), Map.of(FieldKey.TITLE, "Proper " + tag, FieldKey.ARTIST, "Björk " + tag));
        Scans.scan(folder);
        given().queryParam("q", "bjork " + tag).get("/api/artists").then().body("total", equalTo(1))
                .body("items[0].name", equalTo("Björk " + tag)).body("items[0].trackCount", equalTo(2));

        // a shouted tag does not take the name back
        tagged("ogg", folder.resolve("shouted.ogg"), Map.of(FieldKey.TITLE, "Shouted " + tag, FieldKey.ARTIST, "BJÖRK " + tag.toUpperCase()));
        Scans.scan(folder);
        given().queryParam("q", "bjork " + tag).get("/api/artists").then().body("total", equalTo(1))
                .body("items[0].name", equalTo("Björk " + tag)).body("items[0].trackCount", equalTo(3));
    }

    @Test
    void retagUpdatesTheRowInPlace() throws Exception {
        Path file = tagged("flac", folder.resolve("song.flac"), Map.of(FieldKey.TITLE, "Before " + tag, FieldKey.ARTIST, "X " + tag));
        Scans.scan(folder);
        JsonPath before = track("Before " + tag);

        AudioFixtures.tag(file, Map.of(FieldKey.TITLE, "After " + tag, FieldKey.COMMENT, "c".repeat(50_000)));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        JsonPath run = Scans.scan(folder);
        assertThat(run.getInt("updated")).isEqualTo(1);
        assertThat(run.getInt("newTracks")).isZero();

        JsonPath after = track("After " + tag);
        assertThat(after.getLong("id")).isEqualTo(before.getLong("id"));
        assertThat(after.getString("contentKey")).isEqualTo(before.getString("contentKey"));
        assertThat(count("SELECT count(*) FROM tracks WHERE file_path = '" + file + "'")).isEqualTo(1);
    }

    @Test
    void movedFileKeepsItsIdAndAVanishedOneIsMarkedMissing() throws Exception {
        Path file = tagged("mp3", folder.resolve("old/place.mp3"), Map.of(FieldKey.TITLE, "Mover " + tag, FieldKey.ARTIST, "M " + tag));
        Path gone = tagged("ogg", folder.resolve("old/gone.ogg"), Map.of(FieldKey.TITLE, "Gone " + tag, FieldKey.ARTIST, "M " + tag));
        tagged("m4a", folder.resolve("stays.m4a"), Map.of(FieldKey.TITLE, "Stays " + tag));
        Scans.scan(folder);
        long moverId = track("Mover " + tag).getLong("id");
        long goneId = track("Gone " + tag).getLong("id");

        Path moved = Files.createDirectories(folder.resolve("new place")).resolve("renamed.mp3");
        Files.move(file, moved);
        Path aside = Files.createTempDirectory("aside").resolve("gone.ogg");
        Files.move(gone, aside);
        JsonPath run = Scans.scan(folder);
        assertThat(run.getInt("moved")).isEqualTo(1);
        assertThat(run.getInt("missing")).isEqualTo(1);
        assertThat(run.getInt("newTracks")).isZero();
        JsonPath mover = track("Mover " + tag);
        assertThat(mover.getLong("id")).isEqualTo(moverId);
        assertThat(mover.getString("filePath")).isEqualTo(moved.toString());
        JsonPath missing = given().get("/api/tracks/" + goneId).then().statusCode(200).extract().jsonPath();
        assertThat(missing.getString("status")).isEqualTo("missing");
        assertThat(missing.getString("missingSince")).isNotNull();

        // it comes back somewhere else, retagged: still the same track
        Path back = folder.resolve("returned/gone-again.ogg");
        Files.createDirectories(back.getParent());
        Files.move(aside, back);
        AudioFixtures.tag(back, Map.of(FieldKey.TITLE, "Gone " + tag, FieldKey.ALBUM, "Found " + tag));
        JsonPath third = Scans.scan(folder);
        assertThat(third.getInt("moved")).isEqualTo(1);
        JsonPath returned = given().get("/api/tracks/" + goneId).then().statusCode(200).extract().jsonPath();
        assertThat(returned.getString("status")).isEqualTo("present");
        assertThat(returned.getString("filePath")).isEqualTo(back.toString());
        assertThat(returned.getString("album")).isEqualTo("Found " + tag);
    }

    @Test
    void anEmptiedFolderAbortsAndMarksNothingMissing() throws Exception {
        Path file = tagged("mp3", folder.resolve("x.mp3"), Map.of(FieldKey.TITLE, "Kept " + tag));
        Scans.scan(folder);
        Files.move(file, Files.createTempDirectory("aside").resolve("x.mp3"));

        JsonPath run = Scans.scan(folder);
        assertThat(run.getString("status")).isEqualTo("aborted");
        assertThat(run.getString("message")).contains(folder.toString()).contains("no track was marked missing");
        assertThat(track("Kept " + tag).getString("status")).isEqualTo("present");
    }

    @Test
    void anUnmountedRootAbortsMarksNothingMissingAndReadinessSaysWhy() throws Exception {
        Path disk = config.roots().get(1);
        Path file = tagged("flac", disk.resolve("d-" + tag + "/on disk.flac"), Map.of(FieldKey.TITLE, "On disk " + tag));
        assertThat(Scans.scan(disk).getString("status")).isEqualTo("completed");

        Path unmounted = disk.resolveSibling("second-disk-unmounted");
        Files.move(disk, unmounted);
        try {
            given().get("/q/health/ready").then().statusCode(503);
            String body = given().get("/q/health/ready").asString();
            assertThat(body).contains(disk.toString()).contains("does not exist or is not mounted");
            JsonPath run = Scans.scan(disk);
            assertThat(run.getString("status")).isEqualTo("aborted");
            assertThat(run.getString("message")).contains("not mounted");
            assertThat(track("On disk " + tag).getString("status")).isEqualTo("present");
        } finally {
            Files.move(unmounted, disk);
        }
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(file).exists();
    }

    @Test
    void badFilesAreRecordedAndTheScanGoesOn() throws Exception {
        tagged("mp3", folder.resolve("good.mp3"), Map.of(FieldKey.TITLE, "Good " + tag));
        Files.createFile(folder.resolve("empty.mp3"));
        Files.writeString(folder.resolve("notes.flac"), "this is not audio at all");
        Path full = AudioFixtures.audio("m4a", folder.resolve("full.m4a"));
        Files.write(folder.resolve("truncated.m4a"), java.util.Arrays.copyOf(Files.readAllBytes(full), 120));
        Files.delete(full);
        byte[] noise = new byte[4096];
        new java.util.Random(1).nextBytes(noise);
        Files.write(folder.resolve("noise.ogg"), noise);
        Files.createSymbolicLink(folder.resolve("loop"), folder);
        Files.createSymbolicLink(folder.resolve("dangling.mp3"), folder.resolve("nowhere.mp3"));
        String longName = "L".repeat(240) + ".mp3";
        tagged("mp3", folder.resolve(longName), Map.of(FieldKey.TITLE, "Long " + tag));
        Path absurd = tagged("mp3", folder.resolve("absurd.mp3"), Map.of(FieldKey.TITLE, "Absurd " + tag,
                FieldKey.YEAR, "99999", FieldKey.TRACK, "99999999", FieldKey.COMMENT, "z".repeat(10 * 1024 * 1024)));
        Path latin1 = AudioFixtures.audio("mp3", folder.resolve("latin1.mp3"));
        new ProcessBuilder("sh", "-c", "mv latin1.mp3 \"$(printf 'caf\\351.mp3')\"").directory(folder.toFile()).start().waitFor();
        assertThat(latin1).doesNotExist();

        JsonPath run = Scans.scan(folder);
        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getInt("newTracks")).isEqualTo(3);
        Map<String, String> reasons = reasons(run);
        assertThat(reasons).containsKeys("empty.mp3", "notes.flac", "truncated.m4a", "noise.ogg", "loop", "dangling.mp3");
        assertThat(reasons.get("empty.mp3")).contains("0 bytes");
        assertThat(reasons.get("loop")).contains("loop");
        assertThat(reasons.values()).anyMatch(r -> r.contains("not valid UTF-8"));
        assertThat(run.getInt("failed")).isEqualTo(reasons.size()).isEqualTo(7);

        JsonPath absurdTrack = track("Absurd " + tag);
        assertThat(absurdTrack.getString("year")).isNull();
        assertThat(absurdTrack.getString("trackNo")).isNull();
        assertThat(absurdTrack.getString("filePath")).isEqualTo(absurd.toString());
        assertThat(track("Long " + tag).getString("filePath")).endsWith(longName);
    }

    @Test
    void aRefusedFileIsNotReadAgainUntilItChanges() throws Exception {
        Path good = AudioFixtures.audio("mp3", folder.resolve("good.mp3"));
        byte[] playable = Files.readAllBytes(good);
        Path file = folder.resolve("broken.mp3");
        byte[] garbage = new byte[playable.length];
        java.util.Arrays.fill(garbage, (byte) 'x');
        Files.write(file, garbage);
        FileTime mtime = FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() / 1000 * 1000);
        Files.setLastModifiedTime(file, mtime);

        JsonPath first = Scans.scan(folder);
        assertThat(first.getInt("failed")).isEqualTo(1);
        String reason = reasons(first).get("broken.mp3");
        assertThat(reason).isNotBlank();

        // playable bytes behind the same size and modification time: only a rescan that read the file would see them
        Files.write(file, playable);
        Files.setLastModifiedTime(file, mtime);
        JsonPath again = Scans.scan(folder);
        assertThat(again.getInt("failed")).isEqualTo(1);
        assertThat(again.getInt("newTracks")).isZero();
        assertThat(reasons(again)).containsEntry("broken.mp3", reason);

        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime.toMillis() + 2000));
        JsonPath changed = Scans.scan(folder);
        assertThat(changed.getInt("failed")).isZero();
        assertThat(changed.getInt("newTracks")).isEqualTo(1);
    }

    private static Map<String, String> reasons(JsonPath run) {
        List<Map<String, String>> errors = given().get("/api/scans/" + run.getLong("id") + "/errors?size=100")
                .then().statusCode(200).extract().jsonPath().getList("items");
        Map<String, String> reasons = new java.util.HashMap<>();
        errors.forEach(e -> reasons.put(Path.of(e.get("path")).getFileName().toString(), e.get("reason")));
        return reasons;
    }

    private JsonPath track(String title) {
        JsonPath page = given().queryParam("q", title).queryParam("size", 50).get("/api/tracks").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        List<Map<String, Object>> exact = items.stream().filter(i -> title.equals(i.get("title"))).toList();
        assertThat(exact).as("tracks titled %s", title).hasSize(1);
        return new JsonPath(given().get("/api/tracks/" + exact.get(0).get("id")).asString());
    }

    private List<String> rows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT id, file_path, status, title, artist_id, album_id, content_key, "
                        + "updated_at FROM tracks WHERE file_path LIKE '" + folder + "/%' ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getLong(5)
                        + "|" + rs.getLong(6) + "|" + rs.getString(7) + "|" + rs.getString(8));
            }
        }
        rows.add("artists=" + count("SELECT count(*) FROM artists") + " albums=" + count("SELECT count(*) FROM albums"));
        return rows;
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(scalar(sql));
    }

    private String scalar(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
