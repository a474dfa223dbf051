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

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.segue.playlist.TestData;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A 500-track playlist pushed to Plex, Jellyfin and Subsonic stubs whose catalogues hold 33,636 tracks, read in
 * pages of 2,000: the first push and three replacements in place, each timed from the client. Subsonic is the
 * plain kind without {@code formPost}, so its songs go in batches of 100 (the most requests). Run with
 * {@code bench/delivery/run.sh}; the figures go to {@code target/benchmark-delivery.txt}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "segue.bench", matches = "true")
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(MediaServers.class)
class DeliveryBenchmark {

    private static final int CATALOGUE = 33_636;
    private static final int PAGE = 2000;
    private static final int TRACKS = 500;
    private static final int REPUSHES = 3;
    private static final String OK = "{\"subsonic-response\":{\"status\":\"ok\",\"version\":\"1.16.1\",\"type\":\"navidrome\","
            + "\"openSubsonic\":true";

    private final TestData data = new TestData();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> report = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        data.close();
    }

    @Test
    void fiveHundredTracksToEachServerKind() throws IOException {
        WireMockServer server = MediaServers.http;
        given().contentType(ContentType.JSON).body(List.of(
                Map.of("name", "plex", "kind", "plex", "url", server.baseUrl(), "pathMappings", List.of("/music=/data/music")),
                Map.of("name", "jellyfin", "kind", "jellyfin", "url", server.baseUrl(), "user", "u1",
                        "pathMappings", List.of("/music=/media/music")),
                Map.of("name", "subsonic", "kind", "subsonic", "url", server.baseUrl(), "user", "navi",
                        "pathMappings", List.of("/music/="))))
                .put("/api/targets").then().statusCode(200);
        report.add("catalogue %d tracks in pages of %d, playlist of %d tracks".formatted(CATALOGUE, PAGE, TRACKS));

        server.resetAll();
        stubPlex(server);
        measure("plex", playlist("p"), server);

        server.resetAll();
        stubJellyfin(server);
        measure("jellyfin", playlist("j"), server);

        server.resetAll();
        stubSubsonic(server);
        measure("subsonic", playlist("s"), server);

        Path out = Path.of("target", "benchmark-delivery.txt");
        Files.write(out, report);
        report.forEach(System.out::println);
    }

    /** Local tracks whose paths map onto the Plex and Jellyfin catalogues and whose tags match Subsonic's songs. */
    private long playlist(String kind) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < TRACKS; i++) {
            ids.add(data.trackAt("/music/" + tag + "/" + kind + "/" + i + ".flac", "Art " + i + " " + tag, "Song " + i, 180, null));
        }
        return data.playlist(kind + " " + tag, ids);
    }

    private void measure(String target, long playlist, WireMockServer server) {
        List<Long> times = new ArrayList<>();
        for (int n = 0; n <= REPUSHES; n++) {
            server.resetRequests();
            long start = System.nanoTime();
            JsonPath result = given().contentType(ContentType.JSON).body(Map.of("target", target))
                    .post("/api/playlists/" + playlist + "/push").then().statusCode(200).extract().jsonPath();
            times.add((System.nanoTime() - start) / 1_000_000);
            assertThat(result.getInt("matched")).as(target).isEqualTo(TRACKS);
            assertThat(result.getBoolean("created")).as(target + " push " + n).isEqualTo(n == 0);
            int writes = server.findAll(postRequestedFor(anyUrl())).size() + server.findAll(putRequestedFor(anyUrl())).size()
                    + server.findAll(deleteRequestedFor(anyUrl())).size() + writeGets(target, server);
            int reads = server.findAll(getRequestedFor(anyUrl())).size() - writeGets(target, server);
            report.add("%-8s %s: %d ms, %d write requests, %d read requests".formatted(target,
                    n == 0 ? "create " : "replace", times.get(n), writes, reads));
        }
    }

    /** Subsonic writes with GET (createPlaylist, updatePlaylist). */
    private static int writeGets(String target, WireMockServer server) {
        if (!target.equals("subsonic")) {
            return 0;
        }
        return server.findAll(getRequestedFor(urlPathEqualTo("/rest/createPlaylist"))).size()
                + server.findAll(getRequestedFor(urlPathEqualTo("/rest/updatePlaylist"))).size();
    }

    private static String pageOf(int start, IntFunction<String> item, String head, String tail) {
        StringBuilder b = new StringBuilder(head);
        for (int i = start; i < Math.min(CATALOGUE, start + PAGE); i++) {
            b.append(i > start ? "," : "").append(item.apply(i));
        }
        return b.append(tail).toString();
    }

    private String file(String root, String kind, int i) {
        return i < TRACKS ? root + "/" + tag + "/" + kind + "/" + i + ".flac" : root + "/other/" + i + ".mp3";
    }

    private void stubPlex(WireMockServer plex) {
        plex.stubFor(get(urlPathEqualTo("/identity")).willReturn(okJson(
                "{\"MediaContainer\":{\"size\":0,\"machineIdentifier\":\"5d9a1c3e0f\",\"version\":\"1.40.0\"}}")));
        plex.stubFor(get(urlPathEqualTo("/library/sections")).willReturn(okJson(
                "{\"MediaContainer\":{\"size\":1,\"Directory\":[{\"key\":\"5\",\"type\":\"artist\",\"title\":\"Music\"}]}}")));
        for (int start = 0; start < CATALOGUE; start += PAGE) {
            plex.stubFor(get(urlPathEqualTo("/library/sections/5/all")).withQueryParam("X-Plex-Container-Start",
                    equalTo(String.valueOf(start))).willReturn(okJson(pageOf(start, i -> "{\"ratingKey\":\"" + (10_000 + i)
                    + "\",\"type\":\"track\",\"title\":\"Song " + i + "\",\"grandparentTitle\":\"Art " + i + "\",\"duration\":180000,"
                    + "\"Media\":[{\"id\":" + i + ",\"Part\":[{\"id\":" + i + ",\"file\":\"" + file("/data/music", "p", i) + "\"}]}]}",
                    "{\"MediaContainer\":{\"size\":" + Math.min(PAGE, CATALOGUE - start) + ",\"totalSize\":" + CATALOGUE
                            + ",\"offset\":" + start + ",\"Metadata\":[", "]}}"))));
        }
        plex.stubFor(post(urlPathEqualTo("/playlists")).willReturn(okJson(
                "{\"MediaContainer\":{\"size\":1,\"Metadata\":[{\"ratingKey\":\"90210\",\"type\":\"playlist\"}]}}")));
        plex.stubFor(get(urlPathEqualTo("/playlists/90210")).willReturn(okJson(
                "{\"MediaContainer\":{\"size\":1,\"Metadata\":[{\"ratingKey\":\"90210\",\"type\":\"playlist\"}]}}")));
        plex.stubFor(put(urlPathEqualTo("/playlists/90210/items")).willReturn(okJson("{\"MediaContainer\":{\"size\":0}}")));
        plex.stubFor(delete(urlPathEqualTo("/playlists/90210/items")).willReturn(okJson("{\"MediaContainer\":{\"size\":0}}")));
    }

    private void stubJellyfin(WireMockServer jf) {
        for (int start = 0; start < CATALOGUE; start += PAGE) {
            jf.stubFor(get(urlPathEqualTo("/Items")).withQueryParam("StartIndex", equalTo(String.valueOf(start)))
                    .willReturn(okJson(pageOf(start, i -> "{\"Name\":\"Song " + i + "\",\"Id\":\"id" + i + "\",\"Type\":\"Audio\","
                            + "\"RunTimeTicks\":1800000000,\"Artists\":[\"Art " + i + "\"],\"Path\":\"" + file("/media/music", "j", i)
                            + "\",\"ProviderIds\":{}}", "{\"Items\":[", "],\"TotalRecordCount\":" + CATALOGUE + ",\"StartIndex\":"
                            + start + "}"))));
        }
        jf.stubFor(post(urlPathEqualTo("/Playlists")).willReturn(okJson("{\"Id\":\"a1b2c3\"}")));
        jf.stubFor(get(urlPathEqualTo("/Playlists/a1b2c3")).willReturn(okJson("{\"OpenAccess\":false,\"ItemIds\":[]}")));
        jf.stubFor(post(urlPathEqualTo("/Playlists/a1b2c3")).willReturn(aResponse().withStatus(204)));
    }

    private void stubSubsonic(WireMockServer sub) {
        for (int offset = 0; offset < CATALOGUE + PAGE; offset += PAGE) {
            sub.stubFor(get(urlPathEqualTo("/rest/search3")).withQueryParam("songOffset", equalTo(String.valueOf(offset)))
                    .willReturn(okJson(offset >= CATALOGUE ? OK + ",\"searchResult3\":{\"song\":[]}}}" : pageOf(offset,
                            i -> "{\"id\":\"s" + i + "\",\"isDir\":false,\"title\":\"Song " + i + "\",\"artist\":\"Art " + i + " " + tag
                                    + "\",\"duration\":180,\"path\":\"Art " + i + "/Album/" + i + ".flac\"}",
                            OK + ",\"searchResult3\":{\"song\":[", "]}}}"))));
        }
        sub.stubFor(get(urlPathEqualTo("/rest/getOpenSubsonicExtensions")).willReturn(okJson(OK
                + ",\"openSubsonicExtensions\":[{\"name\":\"template\",\"versions\":[1,2]}]}}")));
        sub.stubFor(get(urlPathEqualTo("/rest/createPlaylist")).willReturn(okJson(OK + ",\"playlist\":{\"id\":\"pl-7\"}}}")));
        sub.stubFor(get(urlPathEqualTo("/rest/updatePlaylist")).willReturn(okJson(OK + "}}")));
        sub.stubFor(get(urlPathEqualTo("/rest/getPlaylist")).willReturn(okJson(OK + ",\"playlist\":{\"id\":\"pl-7\"}}}")));
    }
}
