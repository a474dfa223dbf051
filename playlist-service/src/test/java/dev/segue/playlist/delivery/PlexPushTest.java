package dev.segue.playlist.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.segue.playlist.TestData;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plex against a WireMock written from Plex's API description: a 33,636-track music section read in pages, a
 * 500-track playlist created with its first 100 ids and filled in batches of 100, replaced in place.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(MediaServers.class)
class PlexPushTest {

    private static final int CATALOGUE = 33_636;
    private static final int PAGE = 2000;
    private static final int TRACKS = 500;
    private static final String MACHINE = "5d9a1c3e0f";

    private final TestData data = new TestData();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void stubs() {
        WireMockServer plex = MediaServers.http;
        plex.resetAll();
        given().contentType(ContentType.JSON).body(List.of(Map.of("name", "plex", "kind", "plex", "url", plex.baseUrl(),
                "pathMappings", List.of("/music=/data/music")))).put("/api/targets").then().statusCode(200);
        plex.stubFor(get(urlPathEqualTo("/identity")).willReturn(okJson(
                "{\"MediaContainer\":{\"size\":0,\"claimed\":true,\"machineIdentifier\":\"" + MACHINE + "\",\"version\":\"1.40.0\"}}")));
        plex.stubFor(get(urlPathEqualTo("/library/sections")).withHeader("X-Plex-Token", equalTo(MediaServers.PLEX_SECRET))
                .willReturn(okJson("{\"MediaContainer\":{\"size\":2,\"Directory\":[{\"key\":\"2\",\"type\":\"movie\",\"title\":"
                        + "\"Films\"},{\"key\":\"5\",\"type\":\"artist\",\"title\":\"Music\"}]}}")));
        for (int start = 0; start < CATALOGUE; start += PAGE) {
            plex.stubFor(get(urlPathEqualTo("/library/sections/5/all")).withQueryParam("type", equalTo("10"))
                    .withQueryParam("X-Plex-Container-Start", equalTo(String.valueOf(start)))
                    .withQueryParam("X-Plex-Container-Size", equalTo(String.valueOf(PAGE)))
                    .withHeader("X-Plex-Token", equalTo(MediaServers.PLEX_SECRET))
                    .willReturn(okJson(page(start))));
        }
        plex.stubFor(post(urlPathEqualTo("/playlists")).willReturn(okJson(
                "{\"MediaContainer\":{\"size\":1,\"Metadata\":[{\"ratingKey\":\"90210\",\"type\":\"playlist\",\"title\":\"x\"}]}}")));
        plex.stubFor(put(urlPathEqualTo("/playlists/90210/items")).willReturn(okJson("{\"MediaContainer\":{\"size\":0}}")));
        plex.stubFor(delete(urlPathEqualTo("/playlists/90210/items")).willReturn(okJson("{\"MediaContainer\":{\"size\":0}}")));
        plex.stubFor(delete(urlPathEqualTo("/playlists/90210")).willReturn(aResponse().withStatus(200)));
        plex.stubFor(get(urlPathEqualTo("/playlists/90210")).willReturn(okJson(
                "{\"MediaContainer\":{\"size\":1,\"Metadata\":[{\"ratingKey\":\"90210\",\"type\":\"playlist\"}]}}")));
    }

    @AfterEach
    void close() throws Exception {
        data.close();
    }

    /** One page of the section: its first 500 tracks are the playlist's files, then tracks Segue does not have. */
    private String page(int start) {
        StringBuilder b = new StringBuilder("{\"MediaContainer\":{\"size\":").append(Math.min(PAGE, CATALOGUE - start))
                .append(",\"totalSize\":").append(CATALOGUE).append(",\"offset\":").append(start).append(",\"Metadata\":[");
        for (int i = start; i < Math.min(CATALOGUE, start + PAGE); i++) {
            if (i > start) {
                b.append(',');
            }
            String file = i < TRACKS ? "/data/music/" + tag + "/p/" + i + ".flac" : "/data/music/other/" + i + ".mp3";
            b.append("{\"ratingKey\":\"").append(10_000 + i).append("\",\"type\":\"track\",\"title\":\"Track ").append(i)
                    .append("\",\"grandparentTitle\":\"Artist ").append(i % 97).append("\",\"duration\":").append(180_000 + i)
                    .append(",\"Media\":[{\"id\":").append(i).append(",\"duration\":").append(180_000 + i)
                    .append(",\"Part\":[{\"id\":").append(i).append(",\"file\":\"").append(file).append("\"}]}]}");
        }
        return b.append("]}}").toString();
    }

    private long playlist() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < TRACKS; i++) {
            ids.add(data.trackAt("/music/" + tag + "/p/" + i + ".flac", "Segue " + tag, "Local " + i, 180, null));
        }
        ids.add(data.trackAt("/music/" + tag + "/absent.flac", "Segue " + tag, "Absent", 200, null));
        return data.playlist("Plex " + tag, ids);
    }

    private static Response push(long playlist) {
        return given().contentType(ContentType.JSON).body(Map.of("target", "plex")).post("/api/playlists/" + playlist + "/push");
    }

    private static List<String> uriIds(LoggedRequest r) {
        String uri = URLDecoder.decode(r.queryParameter("uri").firstValue(), StandardCharsets.UTF_8);
        String prefix = "server://" + MACHINE + "/com.plexapp.plugins.library/library/metadata/";
        assertThat(uri).startsWith(prefix);
        return List.of(uri.substring(prefix.length()).split(","));
    }

    private static int writes() {
        return MediaServers.http.findAll(postRequestedFor(anyUrl())).size() + MediaServers.http.findAll(putRequestedFor(anyUrl())).size()
                + MediaServers.http.findAll(deleteRequestedFor(anyUrl())).size();
    }

    @Test
    void fiveHundredTracksFromAPagedCatalogueCreatedThenReplacedInPlace() {
        long playlist = playlist();
        WireMockServer plex = MediaServers.http;

        long t0 = System.nanoTime();
        Response first = push(playlist);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("plex push: %d tracks, catalogue %d in pages of %d: %d ms, %d write requests%n", TRACKS, CATALOGUE, PAGE, ms,
                writes());
        first.then().statusCode(200);
        // the 5 s target is measured on an idle machine (docs/benchmarks.md); this bound only catches a per-track read
        assertThat(ms).isLessThan(30_000);
        JsonPath json = first.jsonPath();
        assertThat(json.getBoolean("created")).isTrue();
        assertThat(json.getString("remoteId")).isEqualTo("90210");
        assertThat(json.getInt("matched")).isEqualTo(TRACKS);
        assertThat(json.getList("unmatched.title")).containsExactly("Absent");
        assertThat(first.asString()).doesNotContain(MediaServers.PLEX_SECRET);

        assertThat(plex.findAll(getRequestedFor(urlPathEqualTo("/library/sections/5/all")))).hasSize((CATALOGUE + PAGE - 1) / PAGE);
        assertThat(plex.findAll(anyRequest())).allSatisfy(r -> assertThat(r.getHeader("X-Plex-Token")).isEqualTo(MediaServers.PLEX_SECRET));
        List<LoggedRequest> created = plex.findAll(postRequestedFor(urlPathEqualTo("/playlists")));
        assertThat(created).hasSize(1);
        assertThat(created.get(0).queryParameter("type").firstValue()).isEqualTo("audio");
        assertThat(created.get(0).queryParameter("smart").firstValue()).isEqualTo("0");
        assertThat(created.get(0).queryParameter("title").firstValue()).isEqualTo("Plex " + tag);
        List<String> sent = new ArrayList<>(uriIds(created.get(0)));
        List<LoggedRequest> batches = plex.findAll(putRequestedFor(urlPathEqualTo("/playlists/90210/items")));
        batches.forEach(b -> sent.addAll(uriIds(b)));
        assertThat(batches).hasSize(4);
        assertThat(writes()).isLessThanOrEqualTo(3 + TRACKS / 100);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < TRACKS; i++) {
            expected.add(String.valueOf(10_000 + i));
        }
        assertThat(sent).containsExactlyElementsOf(expected);

        for (int n = 0; n < 3; n++) {
            plex.resetRequests();
            long start = System.nanoTime();
            JsonPath again = push(playlist).then().statusCode(200).extract().jsonPath();
            System.out.printf("plex re-push: %d ms, %d write requests%n", (System.nanoTime() - start) / 1_000_000, writes());
            assertThat(again.getBoolean("created")).isFalse();
            assertThat(plex.findAll(postRequestedFor(urlPathEqualTo("/playlists")))).isEmpty();
            assertThat(plex.findAll(deleteRequestedFor(urlPathEqualTo("/playlists/90210/items")))).hasSize(1);
            List<String> refill = new ArrayList<>();
            plex.findAll(putRequestedFor(urlPathEqualTo("/playlists/90210/items"))).forEach(b -> refill.addAll(uriIds(b)));
            assertThat(refill).containsExactlyElementsOf(expected);
            assertThat(writes()).isLessThanOrEqualTo(3 + TRACKS / 100);
        }

        plex.stubFor(get(urlPathEqualTo("/playlists/90210")).willReturn(aResponse().withStatus(404)));
        plex.resetRequests();
        assertThat(push(playlist).then().statusCode(200).extract().jsonPath().getBoolean("created")).isTrue();
        assertThat(plex.findAll(postRequestedFor(urlPathEqualTo("/playlists")))).hasSize(1);
    }

    @Test
    void wrongTokenIsAProblemNamingTheTargetWithoutTheSecret() {
        long playlist = data.playlist("Denied " + tag, List.of(data.trackAt("/music/" + tag + "/p/0.flac", "A", "B", 180, null)));
        MediaServers.http.stubFor(get(urlPathEqualTo("/library/sections")).willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":[{\"code\":1001,\"message\":\"User could not be authenticated\",\"status\":401}]}")));
        push(playlist).then().statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("'plex'")).body("detail", containsString("refused the credentials"))
                .body("detail", containsString("SEGUE_TARGET_PLEX_SECRET")).body("detail", not(containsString(MediaServers.PLEX_SECRET)));
        assertThat(writes()).isZero();
    }

    @Test
    void aFailureWhileFillingANewPlaylistTakesItAwayAgain() {
        long playlist = playlist();
        MediaServers.http.stubFor(put(urlPathEqualTo("/playlists/90210/items")).willReturn(aResponse().withStatus(500)));
        push(playlist).then().statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("'plex'")).body("detail", containsString("PUT /playlists/90210/items answered 500"));
        assertThat(MediaServers.http.findAll(deleteRequestedFor(urlPathEqualTo("/playlists/90210")))).hasSize(1);
        assertThat(MediaServers.http.findAll(postRequestedFor(urlPathEqualTo("/playlists")))).hasSize(1);
    }

    @Test
    void garbageFromTheServerIsAProblem() {
        long playlist = data.playlist("Garbage " + tag, List.of(data.trackAt("/music/" + tag + "/p/1.flac", "A", "B", 180, null)));
        MediaServers.http.stubFor(get(urlPathEqualTo("/library/sections")).willReturn(aResponse().withStatus(200).withBody("<html>")));
        push(playlist).then().statusCode(502).body("detail", containsString("'plex'")).body("detail", containsString("not JSON"));
        assertThat(writes()).isZero();
    }

    private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder anyRequest() {
        return com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.allRequests();
    }
}
