package dev.segue.playlist.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
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
import java.util.Arrays;
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

    private final TestData data = new TestData();
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
        long byMbid = data.trackAt("/music/" + tag + "/nine.flac", "Local " + tag, "Other title", 100, mbid);
        long byTags = data.trackAt("/music/" + tag + "/seven.flac", "Art 7 " + tag, "Song 7", 101, null);
        long byPathOnly = data.trackAt("/music/Art 3/Album/3.flac", "Nobody " + tag, "Nothing", 100, null);
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
        long playlist = data.playlist("Sub " + tag, List.of(data.trackAt("/music/" + tag + "/n.flac", "L", "T", 100, mbid)));
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
        long playlist = data.playlist("Denied " + tag, List.of(data.trackAt("/music/" + tag + "/x.flac", "A", "B", 100, null)));
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

    /** A playlist of {@code n} tracks the catalogue has (by tags), and the song ids they match, in order. */
    private long longPlaylist(int n, List<String> songIds) {
        List<Long> tracks = new ArrayList<>();
        for (int i = 100; i < 100 + n; i++) {
            tracks.add(data.trackAt("/music/" + tag + "/long/" + i + ".flac", "Art " + i + " " + tag, "Song " + i, 100, null));
            songIds.add("s" + i);
        }
        return data.playlist("Sub " + tag, tracks);
    }

    private static List<String> values(String form, String name) {
        return Arrays.stream(form.split("&")).filter(p -> p.startsWith(name + "="))
                .map(p -> URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aServerWithFormPostGetsALongPlaylistInOneFormPostWithTheTokenInTheBody() {
        WireMockServer sub = MediaServers.http;
        sub.stubFor(get(urlPathEqualTo("/rest/getOpenSubsonicExtensions")).willReturn(okJson(OK
                + ",\"openSubsonicExtensions\":[{\"name\":\"transcodeOffset\",\"versions\":[1]},{\"name\":\"formPost\",\"versions\":[1]}]}}")));
        sub.stubFor(post(urlPathEqualTo("/rest/createPlaylist")).willReturn(okJson(OK + ",\"playlist\":{\"id\":\"pl-9\"}}}")));
        sub.stubFor(get(urlPathEqualTo("/rest/getPlaylist")).withQueryParam("id", equalTo("pl-9"))
                .willReturn(okJson(OK + ",\"playlist\":{\"id\":\"pl-9\"}}}")));
        List<String> songs = new ArrayList<>();
        long playlist = longPlaylist(450, songs);

        assertThat(push(playlist).then().statusCode(200).extract().jsonPath().getInt("matched")).isEqualTo(450);
        assertThat(push(playlist).then().statusCode(200).extract().jsonPath().getBoolean("created")).isFalse();

        List<LoggedRequest> posts = sub.findAll(postRequestedFor(urlPathEqualTo("/rest/createPlaylist")));
        assertThat(posts).hasSize(2).allSatisfy(r -> {
            assertThat(r.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(r.getUrl()).isEqualTo("/rest/createPlaylist");
            String form = r.getBodyAsString();
            assertThat(values(form, "songId")).containsExactlyElementsOf(songs);
            String salt = values(form, "s").get(0);
            assertThat(values(form, "t")).containsExactly(SubsonicClient.token(MediaServers.SUBSONIC_SECRET, salt));
            assertThat(values(form, "u")).containsExactly(USER);
            assertThat(values(form, "f")).containsExactly("json");
            assertThat(form).doesNotContain(MediaServers.SUBSONIC_SECRET);
        });
        assertThat(values(posts.get(0).getBodyAsString(), "name")).containsExactly("Sub " + tag);
        assertThat(values(posts.get(1).getBodyAsString(), "playlistId")).containsExactly("pl-9");
        sub.verify(0, getRequestedFor(urlPathEqualTo("/rest/createPlaylist")));
        sub.verify(0, getRequestedFor(urlPathEqualTo("/rest/updatePlaylist")));
    }

    @Test
    void aServerWithoutFormPostGetsALongPlaylistInBatchesOfAHundred() {
        WireMockServer sub = MediaServers.http;
        // Navidrome's answer (no formPost), as recorded
        sub.stubFor(get(urlPathEqualTo("/rest/getOpenSubsonicExtensions")).willReturn(okJson(OK
                + ",\"openSubsonicExtensions\":[{\"name\":\"template\",\"versions\":[1,2]}]}}")));
        sub.stubFor(get(urlPathEqualTo("/rest/updatePlaylist")).willReturn(okJson(OK + "}}")));
        List<String> songs = new ArrayList<>();
        long playlist = longPlaylist(250, songs);

        JsonPath first = push(playlist).then().statusCode(200).extract().jsonPath();
        assertThat(first.getString("remoteId")).isEqualTo("pl-7");
        List<LoggedRequest> creates = sub.findAll(getRequestedFor(urlPathEqualTo("/rest/createPlaylist")));
        assertThat(creates).singleElement().satisfies(r -> {
            assertThat(r.queryParameter("name").firstValue()).isEqualTo("Sub " + tag);
            assertThat(r.queryParameter("songId").values()).containsExactlyElementsOf(songs.subList(0, 100));
        });
        List<LoggedRequest> adds = sub.findAll(getRequestedFor(urlPathEqualTo("/rest/updatePlaylist")));
        assertThat(adds).hasSize(2).allSatisfy(r -> assertThat(r.queryParameter("playlistId").firstValue()).isEqualTo("pl-7"));
        assertThat(adds.get(0).queryParameter("songIdToAdd").values()).containsExactlyElementsOf(songs.subList(100, 200));
        assertThat(adds.get(1).queryParameter("songIdToAdd").values()).containsExactlyElementsOf(songs.subList(200, 250));
        assertThat(sub.findAll(RequestPatternBuilder.allRequests())).allSatisfy(r -> assertThat(r.getUrl().length()).isLessThan(4096));

        sub.resetRequests();
        assertThat(push(playlist).then().statusCode(200).extract().jsonPath().getBoolean("created")).isFalse();
        List<LoggedRequest> replaces = sub.findAll(getRequestedFor(urlPathEqualTo("/rest/createPlaylist")));
        assertThat(replaces).singleElement().satisfies(r -> {
            assertThat(r.queryParameter("playlistId").firstValue()).isEqualTo("pl-7");
            assertThat(r.queryParameter("songId").values()).containsExactlyElementsOf(songs.subList(0, 100));
        });
        assertThat(sub.findAll(getRequestedFor(urlPathEqualTo("/rest/updatePlaylist"))).stream()
                .flatMap(r -> r.queryParameter("songIdToAdd").values().stream()).toList()).containsExactlyElementsOf(songs.subList(100, 250));
        sub.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aBatchThatFailsTakesTheNewPlaylistAwayAgain() {
        WireMockServer sub = MediaServers.http;
        sub.stubFor(get(urlPathEqualTo("/rest/updatePlaylist")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.serverError()));
        sub.stubFor(get(urlPathEqualTo("/rest/deletePlaylist")).willReturn(okJson(OK + "}}")));
        long playlist = longPlaylist(150, new ArrayList<>());

        push(playlist).then().statusCode(502).contentType("application/problem+json").body("detail", containsString("'subsonic'"))
                .body("detail", containsString("updatePlaylist answered 500"));
        sub.verify(1, getRequestedFor(urlPathEqualTo("/rest/deletePlaylist")).withQueryParam("id", equalTo("pl-7")));
    }
}
