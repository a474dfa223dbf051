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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the web app's Build and Map pages do to playlists: reasons, a new order, a new name; the map itself. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SonicServiceMock.class, scope = TestResourceScope.GLOBAL)
class PlaylistEditTest {

    private final TestData data = new TestData();

    @AfterEach
    void close() throws Exception {
        data.close();
    }

    private JsonPath playlist(Cluster cluster, int size) {
        given().post("/api/index/refresh").then().statusCode(200);
        return given().contentType(ContentType.JSON).body(Map.of("seeds", List.of(cluster.tracks.get(0)), "size", size))
                .post("/api/playlists").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void everyTrackSaysWhyItIsThere() {
        JsonPath body = playlist(new Cluster(data, 6, 6), 4);
        assertThat(body.getList("tracks[0].reasons", String.class)).contains("a seed you chose");
        for (int i = 1; i < 4; i++) {
            assertThat(body.getList("tracks[" + i + "].reasons", String.class)).as("track " + i)
                    .anyMatch(r -> r.startsWith("shares cluster genre"));
        }
    }

    @Test
    void aNewOrderIsStoredWithItsTransitionsScoredAgain() {
        JsonPath body = playlist(new Cluster(data, 8, 8), 5);
        long id = body.getLong("id");
        List<Long> tracks = body.getList("tracks.trackId", Long.class);
        List<Long> reordered = new ArrayList<>(List.of(tracks.get(0), tracks.get(3), tracks.get(1), tracks.get(4)));
        JsonPath after = given().contentType(ContentType.JSON).body(Map.of("trackIds", reordered))
                .post("/api/playlists/" + id + "/order").then().statusCode(200).extract().jsonPath();
        assertThat(after.getList("tracks.trackId", Long.class)).containsExactlyElementsOf(reordered);
        assertThat(after.getInt("trackCount")).isEqualTo(4);
        assertThat(after.getString("tracks[0].scores.transition")).isNull();
        for (int i = 1; i < 4; i++) {
            assertThat(after.getDouble("tracks[" + i + "].scores.transition")).isBetween(0.0, 1.0);
        }
        // the moved track keeps its similarity to the seed but gets the transition of its new place
        assertThat(after.getDouble("tracks[1].scores.total")).isEqualTo(body.getDouble("tracks[3].scores.total"));
        assertThat(after.getDouble("tracks[1].scores.transition")).isNotEqualTo(body.getDouble("tracks[3].scores.transition"));
        JsonPath stored = given().get("/api/playlists/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(stored.getList("tracks.trackId", Long.class)).containsExactlyElementsOf(reordered);
        assertThat(stored.getList("tracks.position", Integer.class)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void anOrderCanOnlyHoldThePlaylistsOwnTracksOnce() {
        Cluster cluster = new Cluster(data, 8, 8);
        JsonPath body = playlist(cluster, 3);
        long id = body.getLong("id");
        List<Long> tracks = body.getList("tracks.trackId", Long.class);
        long stranger = cluster.tracks.stream().filter(t -> !tracks.contains(t)).findFirst().orElseThrow();
        given().contentType(ContentType.JSON).body(Map.of("trackIds", List.of(tracks.get(0), stranger)))
                .post("/api/playlists/" + id + "/order").then().statusCode(422).body("detail", containsString("is not in playlist"));
        given().contentType(ContentType.JSON).body(Map.of("trackIds", List.of(tracks.get(0), tracks.get(0))))
                .post("/api/playlists/" + id + "/order").then().statusCode(422).body("detail", containsString("twice"));
        given().contentType(ContentType.JSON).body(Map.of("trackIds", List.of()))
                .post("/api/playlists/" + id + "/order").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("trackIds", List.of(tracks.get(0))))
                .post("/api/playlists/999999999/order").then().statusCode(404);
    }

    @Test
    void renamed() {
        long id = playlist(new Cluster(data, 4, 4), 3).getLong("id");
        given().contentType(ContentType.JSON).body(Map.of("name", "  Late night  ")).patch("/api/playlists/" + id)
                .then().statusCode(200).body("name", org.hamcrest.Matchers.equalTo("Late night"));
        given().get("/api/playlists/" + id).then().body("name", org.hamcrest.Matchers.equalTo("Late night"));
        given().contentType(ContentType.JSON).body(Map.of("name", " ")).patch("/api/playlists/" + id).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).patch("/api/playlists/999999999").then().statusCode(404);
    }

    @Test
    void theMapHasEveryAnalysedTrackAndRevalidates() {
        Cluster cluster = new Cluster(data, 5, 5);
        given().post("/api/index/refresh").then().statusCode(200);
        int analysed = given().get("/api/index").then().extract().path("analysedTracks");
        var response = given().get("/api/map").then().statusCode(200).extract();
        JsonPath map = response.jsonPath();
        assertThat(map.getInt("count")).isEqualTo(analysed);
        assertThat(map.getList("ids", Long.class)).hasSize(analysed).containsAll(cluster.tracks);
        assertThat(map.getList("x")).hasSize(analysed);
        assertThat(map.getList("axes")).hasSize(2);
        assertThat(map.getString("axes[0].name")).isNotBlank();
        int i = map.getList("ids", Long.class).indexOf(cluster.tracks.get(0));
        assertThat(map.getList("genres", String.class).get(map.getInt("genre[" + i + "]"))).startsWith("cluster genre");
        String etag = response.header("ETag");
        given().header("If-None-Match", etag).get("/api/map").then().statusCode(304);

        // the web app's binary form carries the same points: ids, x and y at the offsets MapBinary documents
        var binary = given().get("/api/map/binary").then().statusCode(200).contentType("application/octet-stream").extract();
        ByteBuffer bytes = ByteBuffer.wrap(binary.asByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(binary.asByteArray(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("SGM1");
        int header = bytes.getInt(4);
        JsonPath names = new JsonPath(new String(binary.asByteArray(), 8, header, StandardCharsets.UTF_8));
        assertThat(names.getInt("count")).isEqualTo(analysed);
        assertThat(names.getList("titles")).hasSize(analysed);
        int ids = (8 + header + 7) / 8 * 8;
        assertThat(bytes.capacity()).isEqualTo(ids + analysed * (8 + 4 + 4 + 3 * 4));
        List<Long> binaryIds = new ArrayList<>();
        for (int k = 0; k < analysed; k++) {
            binaryIds.add((long) bytes.getDouble(ids + 8 * k));
        }
        assertThat(binaryIds).isEqualTo(map.getList("ids", Long.class));
        assertThat(bytes.getFloat(ids + 8 * analysed + 4 * i)).isEqualTo(map.getFloat("x[" + i + "]"));
        assertThat(bytes.getInt(ids + 8 * analysed + 8 * analysed + 8 * analysed + 4 * i)).isEqualTo(map.getInt("genre[" + i + "]"));
        String binaryTag = binary.header("ETag");
        assertThat(binaryTag).isNotEqualTo(etag);
        given().header("If-None-Match", binaryTag).get("/api/map/binary").then().statusCode(304);
    }
}
