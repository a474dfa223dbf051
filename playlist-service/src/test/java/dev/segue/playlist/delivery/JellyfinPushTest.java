package dev.segue.playlist.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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
import dev.segue.playlist.TestData;
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

/** Jellyfin against a WireMock written from Jellyfin's OpenAPI: paged Audio items, create, replace in place. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(MediaServers.class)
class JellyfinPushTest {

    private static final int CATALOGUE = 4_500;
    private static final int PAGE = 2000;
    private static final String USER = "5f0a7c0e2b8d4e1f9a3b6c7d8e9f0a1b";
    private static final String MBID = "9f2a1c44-5b6d-4e7f-8a9b-0c1d2e3f4a5b";

    private final TestData data = new TestData();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void stubs() {
        WireMockServer jf = MediaServers.http;
        jf.resetAll();
        given().contentType(ContentType.JSON).body(List.of(Map.of("name", "jellyfin", "kind", "jellyfin", "url", jf.baseUrl(),
                "user", USER, "pathMappings", List.of("/music=/media/music")))).put("/api/targets").then().statusCode(200);
        for (int start = 0; start < CATALOGUE; start += PAGE) {
            jf.stubFor(get(urlPathEqualTo("/Items")).withQueryParam("userId", equalTo(USER))
                    .withQueryParam("IncludeItemTypes", equalTo("Audio")).withQueryParam("Recursive", equalTo("true"))
                    .withQueryParam("StartIndex", equalTo(String.valueOf(start))).withQueryParam("Limit", equalTo(String.valueOf(PAGE)))
                    .willReturn(okJson(page(start))));
        }
        jf.stubFor(get(urlPathEqualTo("/Items")).withQueryParam("Limit", equalTo("1")).willReturn(okJson(page(0))));
        jf.stubFor(post(urlPathEqualTo("/Playlists")).willReturn(okJson("{\"Id\":\"a1b2c3\"}")));
        jf.stubFor(get(urlPathEqualTo("/Playlists/a1b2c3")).willReturn(okJson("{\"OpenAccess\":false,\"ItemIds\":[]}")));
        jf.stubFor(post(urlPathEqualTo("/Playlists/a1b2c3")).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void close() throws Exception {
        data.close();
    }

    private String page(int start) {
        StringBuilder b = new StringBuilder("{\"Items\":[");
        for (int i = start; i < Math.min(CATALOGUE, start + PAGE); i++) {
            b.append(i > start ? "," : "").append("{\"Name\":\"Song ").append(i).append("\",\"Id\":\"id").append(i)
                    .append("\",\"Type\":\"Audio\",\"RunTimeTicks\":").append(2_000_000_000L + i).append(",\"Artists\":[\"Art ")
                    .append(i % 50).append("\"],\"Path\":\"/media/music/").append(i == 7 ? tag + "/seven.flac" : "x/" + i + ".mp3")
                    .append("\",\"ProviderIds\":{").append(i == 9 ? "\"MusicBrainzRecording\":\"" + MBID + "\"" : "").append("}}");
        }
        return b.append("],\"TotalRecordCount\":").append(CATALOGUE).append(",\"StartIndex\":").append(start).append("}").toString();
    }

    private static Response push(long playlist) {
        return given().contentType(ContentType.JSON).body(Map.of("target", "jellyfin")).post("/api/playlists/" + playlist + "/push");
    }

    @Test
    void createdThenReplacedInPlaceWithTheMediaBrowserToken() {
        long byPath = data.trackAt("/music/" + tag + "/seven.flac", "Local " + tag, "Not the same tags", 100, null);
        long byMbid = data.trackAt("/music/" + tag + "/nine.flac", "Local " + tag, "Other", 100, MBID);
        long none = data.trackAt("/music/" + tag + "/none.flac", "Local " + tag, "Nothing", 100, null);
        long playlist = data.playlist("Jelly " + tag, List.of(byMbid, none, byPath));
        WireMockServer jf = MediaServers.http;

        JsonPath first = push(playlist).then().statusCode(200).extract().jsonPath();
        assertThat(first.getBoolean("created")).isTrue();
        assertThat(first.getString("remoteId")).isEqualTo("a1b2c3");
        assertThat(first.getList("unmatched.title")).containsExactly("Nothing");
        assertThat(jf.findAll(getRequestedFor(urlPathEqualTo("/Items")))).hasSize(3);
        jf.verify(1, postRequestedFor(urlPathEqualTo("/Playlists")).withRequestBody(equalToJson(
                "{\"Name\":\"Jelly " + tag + "\",\"UserId\":\"" + USER + "\",\"MediaType\":\"Audio\",\"Ids\":[\"id9\",\"id7\"]}")));
        assertThat(jf.findAll(RequestPatternBuilder.allRequests())).allSatisfy(r -> {
            assertThat(r.getHeader("Authorization")).startsWith("MediaBrowser ").contains("Token=\"" + MediaServers.JELLYFIN_SECRET + "\"");
            assertThat(r.containsHeader("X-Emby-Token")).isFalse();
            assertThat(r.getUrl()).doesNotContain("api_key").doesNotContain(MediaServers.JELLYFIN_SECRET);
        });

        data.order(playlist, List.of(byPath, byMbid));
        for (int n = 0; n < 3; n++) {
            assertThat(push(playlist).then().statusCode(200).extract().jsonPath().getBoolean("created")).isFalse();
        }
        jf.verify(1, postRequestedFor(urlPathEqualTo("/Playlists")));
        jf.verify(3, postRequestedFor(urlPathEqualTo("/Playlists/a1b2c3")).withRequestBody(equalToJson("{\"Ids\":[\"id7\",\"id9\"]}")));
    }

    @Test
    void aRejectedKeyIsAProblemWithoutTheKey() {
        long playlist = data.playlist("Denied " + tag, List.of(data.trackAt("/music/" + tag + "/seven.flac", "A", "B", 100, null)));
        MediaServers.http.stubFor(get(urlPathEqualTo("/Items")).willReturn(aResponse().withStatus(401)));
        push(playlist).then().statusCode(502).contentType("application/problem+json").body("detail", containsString("'jellyfin'"))
                .body("detail", containsString("SEGUE_TARGET_JELLYFIN_SECRET"))
                .body("detail", not(containsString(MediaServers.JELLYFIN_SECRET)));
        MediaServers.http.verify(0, postRequestedFor(anyUrl()));
    }
}
