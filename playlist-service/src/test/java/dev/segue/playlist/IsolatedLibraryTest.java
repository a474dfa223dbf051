package dev.segue.playlist;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.schema.sonic.SonicLayout;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(IsolatedLibraryProfile.class)
class IsolatedLibraryTest {

    private TestData data;

    @BeforeEach
    void open() {
        data = new TestData(IsolatedLibraryProfile.jdbcUrl);
    }

    @AfterEach
    void close() throws Exception {
        data.close();
    }

    @Test
    void withoutAnySonicDataThePlaylistIsGenreOnlyAndSaysSo() {
        long rock = data.genre("rock", null);
        long indie = data.genre("indie rock", rock);
        long jazz = data.genre("jazz", null);
        long artist = data.artist("Band");
        long album = data.album("Record", artist);
        long seed = data.track("Seed", artist, album, 200);
        data.albumGenre(album, indie, 1.0);
        long sameAlbum = data.track("Same album", artist, album, 210);
        long other = data.track("Other", data.artist("Other"), null, 220);
        data.trackGenre(other, rock, 1.0);
        long unrelated = data.track("Jazz", data.artist("Trio"), null, 230);
        data.trackGenre(unrelated, jazz, 1.0);
        given().post("/api/index/refresh").then().statusCode(200);
        int callsBefore = SonicServiceMock.server().countRequestsMatching(
                postRequestedFor(urlPathMatching("/api/tracks/.*")).build()).getCount();

        JsonPath body = given().contentType(ContentType.JSON).body(Map.of("seeds", List.of(seed), "size", 3, "ordering", "score", "artistGap", 0))
                .post("/api/playlists").then().statusCode(201).extract().jsonPath();
        assertThat(body.getBoolean("genreOnly")).isTrue();
        assertThat(body.getList("notes", String.class)).anyMatch(n -> n.contains("no track of the library has a sonic analysis"));
        assertThat(body.getList("tracks.trackId", Long.class)).containsExactly(seed, sameAlbum, other);
        // album genre "indie rock" (child of rock) vs "rock": partial credit from the parent
        assertThat(body.getDouble("tracks[1].scores.genre")).isEqualTo(1.0);
        assertThat(body.getDouble("tracks[2].scores.genre")).isEqualTo(Math.round(0.5 / Math.sqrt(1.25) * 10000) / 10000.0);
        assertThat(body.getList("tracks.sonicMissing", Boolean.class)).containsOnly(true);
        assertThat(body.getList("tracks.scores.transition")).containsOnlyNulls();
        assertThat(SonicServiceMock.server().countRequestsMatching(
                postRequestedFor(urlPathMatching("/api/tracks/.*")).build()).getCount()).isEqualTo(callsBefore);

        JsonPath similar = given().get("/api/tracks/" + seed + "/similar").then().statusCode(200).extract().jsonPath();
        assertThat(similar.getBoolean("genreOnly")).isTrue();
        assertThat(similar.getList("tracks.trackId", Long.class)).startsWith(sameAlbum, other);
    }

    @Test
    void vectorsOfAnAnalyzerVersionWhoseLayoutIsUnknownAreNeverRead() {
        long artist = data.artist("Unknown layout");
        long a = data.track("A", artist, null, 200);
        long b = data.track("B", artist, null, 200);
        int unknown = SonicLayout.latest().analyzerVersion() + 1;
        try {
            data.analysis(a, TestData.features(-10, 2000, 120, 0));
            data.analysis(b, TestData.features(-12, 2500, 100, 3));
            for (long track : List.of(a, b)) {
                data.update("INSERT INTO sonic_analyses (track_id, analyzer_version, status) VALUES (?, ?, 'ok')", track, unknown);
                data.update("INSERT INTO sonic_segments (track_id, analyzer_version, segment, features) "
                        + "SELECT track_id, ?, segment, features || ARRAY[1.0::real] FROM sonic_segments "
                        + "WHERE track_id = ? AND analyzer_version = 1", unknown, track);
            }
            assertThat(data.count("SELECT count(*) FROM sonic_readable_versions WHERE analyzer_version = ?", unknown))
                    .as("the newer version covers the library").isEqualTo(1);
            JsonPath index = given().post("/api/index/refresh").then().statusCode(200).extract().jsonPath();
            assertThat(index.getInt("analyzerVersion")).as("the newest version whose layout this build knows").isEqualTo(1);
            assertThat(index.getInt("analysedTracks")).isEqualTo(2);
        } finally {
            data.update("DELETE FROM sonic_analyses WHERE track_id IN (?, ?)", a, b);
            given().post("/api/index/refresh").then().statusCode(200);
        }
    }

    /**
     * The upgrade to analyzer version 2 as this service meets it: while only part of the library has version-2
     * vectors (version 1's 44 features followed by the texture features) the index keeps reading version 1 for
     * every track; once version 2 covers the library it reads version 2, the same features at the same positions.
     */
    @Test
    void version1VectorsServeWhileVersion2AnalysesRunAndVersion2IsReadOnceItCoversTheLibrary() {
        long artist = data.artist("Upgrade");
        long a = data.track("A", artist, null, 200);
        long b = data.track("B", artist, null, 200);
        int appended = SonicLayout.V2.size() - SonicLayout.V1.size();
        try {
            data.analysis(a, TestData.features(-10, 2000, 120, 0));
            data.analysis(b, TestData.features(-12, 2500, 100, 3));
            upgrade(a, appended);
            JsonPath during = given().post("/api/index/refresh").then().statusCode(200).extract().jsonPath();
            assertThat(during.getInt("analyzerVersion")).as("half the library has version 2").isEqualTo(1);
            assertThat(during.getInt("analysedTracks")).isEqualTo(2);

            upgrade(b, appended);
            data.update("DELETE FROM sonic_analyses WHERE track_id IN (?, ?) AND analyzer_version = 1", a, b);
            JsonPath after = given().post("/api/index/refresh").then().statusCode(200).extract().jsonPath();
            assertThat(after.getInt("analyzerVersion")).isEqualTo(2);
            assertThat(after.getInt("analysedTracks")).isEqualTo(2);
            JsonPath similar = given().get("/api/tracks/" + a + "/similar").then().statusCode(200).extract().jsonPath();
            assertThat(similar.getBoolean("genreOnly")).isFalse();
            assertThat(similar.getList("tracks.trackId", Long.class)).contains(b);
        } finally {
            data.update("DELETE FROM sonic_analyses WHERE track_id IN (?, ?)", a, b);
            given().post("/api/index/refresh").then().statusCode(200);
        }
    }

    /** A version-2 analysis of a track: its version-1 features with the texture features appended. */
    private void upgrade(long track, int appended) {
        data.update("INSERT INTO sonic_analyses (track_id, analyzer_version, status) VALUES (?, 2, 'ok')", track);
        data.update("INSERT INTO sonic_segments (track_id, analyzer_version, segment, features) "
                + "SELECT track_id, 2, segment, features || array_fill(0.5::real, ARRAY[?]) FROM sonic_segments "
                + "WHERE track_id = ? AND analyzer_version = 1", appended, track);
    }
}
