package dev.segue.playlist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An unanalysed seed: sonic-service is asked to analyse it, and the playlist degrades when it cannot. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SonicServiceMock.class, scope = TestResourceScope.GLOBAL)
class SeedAnalysisTest {

    @Inject
    CircuitBreakerMaintenance breakers;

    private final TestData data = new TestData();
    private final List<StubMapping> stubs = new ArrayList<>();
    private Cluster cluster;
    private long seed;

    @BeforeEach
    void library() {
        breakers.resetAll();
        cluster = new Cluster(data, 6, 6);
        seed = cluster.add("Fresh seed", cluster.artists.get(0), false);
        given().post("/api/index/refresh").then().statusCode(200);
    }

    @AfterEach
    void cleanUp() throws Exception {
        stubs.forEach(sonic()::removeStub);
        breakers.resetAll();
        data.close();
    }

    private static WireMockServer sonic() {
        return SonicServiceMock.server();
    }

    private String analyzeUrl(long trackId) {
        return "/api/tracks/" + trackId + "/analyze";
    }

    private JsonPath playlist(long seedId) {
        return given().contentType(ContentType.JSON).body(Map.of("seeds", List.of(seedId), "size", 4))
                .post("/api/playlists").then().statusCode(201).extract().jsonPath();
    }

    private int calls(long trackId) {
        return sonic().countRequestsMatching(postRequestedFor(urlEqualTo(analyzeUrl(trackId))).build()).getCount();
    }

    @Test
    void analysedSeedIsPickedUpRightAway() {
        // sonic-service writes the vectors, then answers; the index must read them without waiting for a poll
        stubs.add(sonic().stubFor(post(urlEqualTo(analyzeUrl(seed))).willReturn(okJson("{\"trackId\":" + seed + ",\"status\":\"ok\"}"))));
        data.analysis(seed, cluster.sound(6));
        JsonPath body = playlist(seed);
        assertThat(body.getBoolean("genreOnly")).isFalse();
        assertThat(body.getBoolean("tracks[0].sonicMissing")).isFalse();
        assertThat(body.getDouble("tracks[0].scores.sonic")).isEqualTo(1.0);
        assertThat(body.getDouble("tracks[1].scores.transition")).isBetween(0.0, 1.0);
        assertThat(calls(seed)).isEqualTo(1);
    }

    @Test
    void slowSonicServiceGivesAGenreOnlyPlaylistThatSaysSo() {
        stubs.add(sonic().stubFor(post(urlEqualTo(analyzeUrl(seed))).willReturn(okJson("{}").withFixedDelay(8000))));
        JsonPath body = playlist(seed);
        assertThat(body.getBoolean("genreOnly")).isTrue();
        assertThat(body.getList("notes", String.class)).anyMatch(n -> n.contains("in time"))
                .anyMatch(n -> n.contains("genres only"));
        assertThat(body.getList("tracks.trackId", Long.class)).hasSize(4).first().isEqualTo(seed);
        assertThat(body.getList("tracks.scores.sonic")).containsOnlyNulls();
        assertThat(body.getDouble("tracks[1].scores.genre")).isEqualTo(1.0);
    }

    @Test
    void serverErrorsAreRetriedThenDegrade() {
        stubs.add(sonic().stubFor(post(urlEqualTo(analyzeUrl(seed))).willReturn(aResponse().withStatus(503))));
        JsonPath body = playlist(seed);
        assertThat(calls(seed)).isEqualTo(3);
        assertThat(body.getBoolean("genreOnly")).isTrue();
        assertThat(body.getList("notes", String.class)).anyMatch(n -> n.contains("sonic-service failed"));
    }

    @Test
    void persistentFailureOpensTheBreaker() {
        stubs.add(sonic().stubFor(post(urlEqualTo(analyzeUrl(seed))).willReturn(aResponse().withStatus(500))));
        playlist(seed);
        playlist(seed);
        int beforeOpen = calls(seed);
        JsonPath third = playlist(seed);
        assertThat(calls(seed)).isEqualTo(beforeOpen);
        assertThat(beforeOpen).isBetween(4, 6);
        assertThat(third.getBoolean("genreOnly")).isTrue();
        assertThat(third.getList("notes", String.class)).anyMatch(n -> n.contains("paused"));
    }

    @Test
    void unanalysableSeedIsAnAnswerNotAFailure() {
        stubs.add(sonic().stubFor(post(urlEqualTo(analyzeUrl(seed))).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":422,\"title\":\"Unprocessable Content\",\"detail\":\"unsupported format\"}"))));
        for (int i = 0; i < 5; i++) {
            JsonPath body = playlist(seed);
            assertThat(body.getList("notes", String.class)).anyMatch(n -> n.contains("unsupported format"));
        }
        // five refusals, no retries, and the breaker stays closed
        assertThat(calls(seed)).isEqualTo(5);
    }
}
