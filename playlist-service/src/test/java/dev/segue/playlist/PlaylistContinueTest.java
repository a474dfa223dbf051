package dev.segue.playlist;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SonicServiceMock.class, scope = TestResourceScope.GLOBAL)
class PlaylistContinueTest {

    private final TestData data = new TestData();

    @AfterEach
    void close() throws Exception {
        data.close();
    }

    @Test
    void continuesAfterTheLastRecentTrackWithoutRepeatsAndWithGapsAcrossTheBoundary() {
        // track i is by "Artist " + i % 3; the last recent track is by Artist 0, who already has two
        Cluster cluster = new Cluster(data, 12, 3);
        given().post("/api/index/refresh").then().statusCode(200);
        List<Long> recent = cluster.tracks.subList(0, 4);
        long playlistsBefore = data.count("SELECT count(*) FROM playlists");

        JsonPath body = given().contentType(ContentType.JSON).body(Map.of("recent", recent, "count", 6))
                .post("/api/playlists/continue").then().statusCode(200).extract().jsonPath();

        assertThat(body.getList("recent", Long.class)).isEqualTo(recent);
        assertThat(body.getBoolean("genreOnly")).isFalse();
        List<Long> next = body.getList("tracks.trackId", Long.class);
        assertThat(next).hasSize(6).doesNotHaveDuplicates().doesNotContainAnyElementsOf(recent);
        assertThat(cluster.tracks).containsAll(next);
        assertThat(body.getList("tracks.position", Integer.class)).containsExactly(0, 1, 2, 3, 4, 5);
        List<String> artists = body.getList("tracks.artist", String.class);
        assertThat(artists.get(0)).as("artistGap 1 holds across the boundary").isNotEqualTo("Artist 0");
        for (int i = 1; i < artists.size(); i++) {
            assertThat(artists.get(i)).isNotEqualTo(artists.get(i - 1));
        }
        Map<String, Integer> perArtist = new HashMap<>(Map.of("Artist 0", 2, "Artist 1", 1, "Artist 2", 1));
        artists.forEach(a -> perArtist.merge(a, 1, Integer::sum));
        assertThat(perArtist.values()).as("maxPerArtist 4 counts the recent tracks").allMatch(n -> n <= 4);
        for (int i = 0; i < next.size(); i++) {
            assertThat(body.getBoolean("tracks[" + i + "].seed")).isFalse();
            assertThat(body.getDouble("tracks[" + i + "].scores.transition")).as("the first joins the last recent track")
                    .isBetween(0.0, 1.0);
            assertThat(body.getList("tracks[" + i + "].reasons")).isNotEmpty();
        }
        assertThat(data.count("SELECT count(*) FROM playlists")).as("nothing stored").isEqualTo(playlistsBefore);
    }

    @Test
    void unknownOrMissingRecentTracksAreRefused() {
        given().contentType(ContentType.JSON).body(Map.of("recent", List.of(Long.MAX_VALUE)))
                .post("/api/playlists/continue").then().statusCode(404)
                .body("detail", containsString(String.valueOf(Long.MAX_VALUE)));
        given().contentType(ContentType.JSON).body(Map.of("recent", List.of()))
                .post("/api/playlists/continue").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("recent", List.of(1), "count", 0))
                .post("/api/playlists/continue").then().statusCode(400);
    }
}
