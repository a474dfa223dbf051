package dev.segue.playlist.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subsonic against a WireMock written from gonic's and Navidrome's recorded answers: token auth, search3 pages,
 * createPlaylist to create and, with playlistId, to replace in place; errors as HTTP 200 with status failed.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(MediaServers.class)
class SubsonicPushTest {

    private static final int CATALOGUE = 4_500;
    private static final int PAGE = 2000;
    private static final String USER = "navi";
    private static final String OK = "{\"subsonic-response\":{\"status\":\"ok\",\"version\":\"1.16.1\",\"type\":\"navidrome\","
            + "\"openSubsonic\":true";

    private final DeliveryData data = new DeliveryData();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String mbid = UUID.randomUUID().toString();

    @BeforeEach
    void stubs() {
        WireMockServer sub = MediaServers.http;
        sub.resetAll();
        given().contentType(ContentType.JSON).body(List.of(Map.of("name", "subsonic", "kind", "subsonic", "url", sub.baseUrl(),
                "user", USER, "pathMappings", List.of("/music/=")))).put("/api/targets").then().statusCode(200);
        for (int offset = 0; offset < CATALOGUE + PAGE; offset += PAGE) {
            sub.stubFor(get(urlPathEqualTo("/rest/search3")).withQueryParam("query", equalTo(""))
                    .withQueryParam("songCount", equalTo(String.valueOf(PAGE)))
                    .withQueryParam("songOffset", equalTo(String.valueOf(offset))).willReturn(okJson(page(offset))));
        }
        sub.stubFor(get(urlPathEqualTo("/rest/createPlaylist")).withQueryParam("name", equalTo("Sub " + tag))
                .willReturn(okJson(OK + ",\"playlist\":{\"id\":\"pl-7\",\"name\":\"Sub " + tag + "\",\"songCount\":2}}}")));
        sub.stubFor(get(urlPathEqualTo("/rest/createPlaylist")).withQueryParam("playlistId", equalTo("pl-7"))
                .willReturn(okJson(OK + "}}")));
        sub.stubFor(get(urlPathEqualTo("/rest/getPlaylist")).withQueryParam("id", equalTo("pl-7"))
                .willReturn(okJson(OK + ",\"playlist\":{\"id\":\"pl-7\",\"songCount\":2}}}")));
    }

    @AfterEach
    void close() throws Exception {
        data.close();
    }

    /** Virtual paths as Navidrome reports them by default: never the file's. */
    private String page(int offset) {
        StringBuilder b = new StringBuilder(OK + ",\"searchResult3\":{\"song\":[");
        for (int i = offset; i < Math.min(CATALOGUE, offset + PAGE); i++) {
            b.append(i > offset ? "," : "").append("{\"id\":\"s").append(i).append("\",\"isDir\":false,\"title\":\"Song ").append(i)
                    .append("\",\"artist\":\"Art ").append(i).append(' ').append(tag).append("\",\"duration\":100,\"path\":\"Art ")
                    .append(i).append("/Album/").append(i).append(".flac\"").append(i == 9 ? ",\"musicBrainzId\":\"" + mbid + "\"" : "")
                    .append("}");
        }
        return b.append("]}}}").toString();
    }

    private static Response push(long playlist) {
        return given().contentType(ContentType.JSON).body(Map.of("target", "subsonic")).post("/api/playlists/" + playlist + "/push");
    }

    @Test
    void createdThenReplacedInPlaceWithSaltedTokens() {
        long byMbid = data.track("/music/" + tag + "/nine.flac", "Local " + tag, "Other title", 100, mbid);
        long byTags = data.track("/music/" + tag + "/seven.flac", "Art 7 " + tag, "Song 7", 101, null);
        long byPathOnly = data.track("/music/Art 3/Album/3.flac", "Nobody " + tag, "Nothing", 100, null);
        long playlist = data.playlist("Sub " + tag, List.of(byMbid, byPathOnly, byTags));
        WireMockServer sub = MediaServers.http;

        JsonPath first = push(playlist).then().statusCode(200).extract().jsonPath();
        assertThat(first.getBoolean("created")).isTrue();
        assertThat(first.getString("remoteId")).isEqualTo("pl-7");
        assertThat(first.getList("unmatched.title")).as("virtual paths are not matched").containsExactly("Nothing");
        assertThat(sub.findAll(getRequestedFor(urlPathEqualTo("/rest/search3")))).hasSize(3);
        List<LoggedRequest> creates = sub.findAll(getRequestedFor(urlPathEqualTo("/rest/createPlaylist")));
        assertThat(creates).hasSize(1);
        assertThat(creates.get(0).queryParameter("songId").values()).containsExactly("s9", "s7");
        assertThat(sub.findAll(RequestPatternBuilder.allRequests())).allSatisfy(r -> {
            String salt = r.queryParameter("s").firstValue();
            assertThat(salt).hasSizeGreaterThanOrEqualTo(6);
            assertThat(r.queryParameter("t").firstValue()).isEqualTo(SubsonicClient.token(MediaServers.SUBSONIC_SECRET, salt));
            assertThat(r.queryParameter("u").firstValue()).isEqualTo(USER);
            assertThat(r.queryParameter("v").firstValue()).isEqualTo("1.16.1");
            assertThat(r.queryParameter("c").firstValue()).isEqualTo("segue");
            assertThat(r.queryParameter("f").firstValue()).isEqualTo("json");
            assertThat(r.getUrl()).doesNotContain(MediaServers.SUBSONIC_SECRET).doesNotContain("p=");
        });

        data.order(playlist, List.of(byTags, byMbid));
        for (int n = 0; n < 3; n++) {
            assertThat(push(playlist).then().statusCode(200).extract().jsonPath().getBoolean("created")).isFalse();
        }
        List<LoggedRequest> all = sub.findAll(getRequestedFor(urlPathEqualTo("/rest/createPlaylist")));
        assertThat(all.stream().filter(r -> r.queryParameter("name").isPresent())).as("one playlist on the server").hasSize(1);
        List<LoggedRequest> replaces = all.stream().filter(r -> r.queryParameter("playlistId").isPresent()).toList();
        assertThat(replaces).hasSize(3).allSatisfy(r -> assertThat(r.queryParameter("songId").values()).containsExactly("s7", "s9"));
    }

    @Test
    void aPlaylistDeletedOnTheServerIsCreatedAgain() {
        long playlist = data.playlist("Sub " + tag, List.of(data.track("/music/" + tag + "/n.flac", "L", "T", 100, mbid)));
        WireMockServer sub = MediaServers.http;
        assertThat(push(playlist).then().statusCode(200).extract().jsonPath().getBoolean("created")).isTrue();
        sub.stubFor(get(urlPathEqualTo("/rest/getPlaylist")).withQueryParam("id", equalTo("pl-7")).willReturn(okJson(
                "{\"subsonic-response\":{\"status\":\"failed\",\"version\":\"1.16.1\",\"error\":{\"code\":70,"
                        + "\"message\":\"playlist not found\"}}}")));
        assertThat(push(playlist).then().statusCode(200).extract().jsonPath().getBoolean("created")).isTrue();
        sub.verify(2, getRequestedFor(urlPathEqualTo("/rest/createPlaylist")).withQueryParam("name", equalTo("Sub " + tag)));
        sub.verify(0, getRequestedFor(urlPathEqualTo("/rest/createPlaylist")).withQueryParam("playlistId", equalTo("pl-7")));
    }

    @Test
    void subsonicErrorCodesAreProblemsWithoutTheSecret() {
        long playlist = data.playlist("Denied " + tag, List.of(data.track("/music/" + tag + "/x.flac", "A", "B", 100, null)));
        WireMockServer sub = MediaServers.http;
        sub.stubFor(get(urlPathEqualTo("/rest/search3")).willReturn(okJson("{\"subsonic-response\":{\"status\":\"failed\","
                + "\"version\":\"1.16.1\",\"error\":{\"code\":40,\"message\":\"Wrong username or password\"}}}")));
        push(playlist).then().statusCode(502).contentType("application/problem+json").body("detail", containsString("'subsonic'"))
                .body("detail", containsString("error 40")).body("detail", containsString("SEGUE_TARGET_SUBSONIC_SECRET"))
                .body("detail", not(containsString(MediaServers.SUBSONIC_SECRET)));

        sub.stubFor(get(urlPathEqualTo("/rest/search3")).willReturn(okJson("{\"subsonic-response\":{\"status\":\"failed\","
                + "\"version\":\"1.16.1\",\"error\":{\"code\":50,\"message\":\"not authorized\"}}}")));
        push(playlist).then().statusCode(502).body("detail", containsString("error 50"))
                .body("detail", containsString("user '" + USER + "' is not allowed"));

        sub.stubFor(get(urlPathEqualTo("/rest/search3")).willReturn(okJson("{\"status\":\"ok\"}")));
        push(playlist).then().statusCode(502).body("detail", containsString("'subsonic'"))
                .body("detail", containsString("not a Subsonic response"));
        sub.verify(0, getRequestedFor(urlPathEqualTo("/rest/createPlaylist")));
        assertThat(sub.findAll(getRequestedFor(anyUrl()))).allSatisfy(r -> assertThat(r.getUrl()).doesNotContain(MediaServers.SUBSONIC_SECRET));
    }
}
