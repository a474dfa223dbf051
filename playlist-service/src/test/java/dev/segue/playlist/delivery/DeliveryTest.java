package dev.segue.playlist.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.segue.playlist.TestData;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(MediaServers.class)
class DeliveryTest {

    private final TestData data = new TestData();
    private final String lib = "/music/" + MediaServers.TAG + "/";

    @AfterEach
    void close() throws Exception {
        data.close();
    }

    private static void targets(Map<?, ?>... targets) {
        given().contentType(ContentType.JSON).body(List.of(targets)).put("/api/targets").then().statusCode(200);
    }

    private static Map<String, Object> mpd(String name, int port) {
        return Map.of("name", name, "kind", "mpd", "url", "mpd://127.0.0.1:" + port, "pathMappings", List.of("/music="));
    }

    private static Response push(long playlist, String target) {
        return given().contentType(ContentType.JSON).body(Map.of("target", target)).post("/api/playlists/" + playlist + "/push");
    }

    private long tagged(String name) {
        long one = data.trackAt(lib + "one.flac", "Ada", "First Light", 3, null);
        long moved = data.trackAt(lib + "moved/" + UUID.randomUUID() + ".flac", "Cyd", "found by tags", 4, null);
        long missing = data.trackAt(lib + "gone/" + UUID.randomUUID() + ".flac", "Nobody", "Nowhere", 60, null);
        long three = data.trackAt(lib + "three.flac", "Bea", "Third Rail", 5, null);
        return data.playlist(name, List.of(one, moved, missing, three));
    }

    @Test
    void targetsAreListedWithoutSecretsAndValidated() {
        targets(mpd("mpd", MediaServers.mpdPort), Map.of("name", "box", "kind", "folder", "directory", MediaServers.folder.toString()));
        Response list = given().get("/api/targets");
        list.then().statusCode(200);
        JsonPath json = list.jsonPath();
        assertThat(json.getList("name")).containsExactly("box", "mpd");
        assertThat(json.getString("find { it.name == 'mpd' }.secretVariable")).isEqualTo("SEGUE_TARGET_MPD_SECRET");
        assertThat(json.getBoolean("find { it.name == 'mpd' }.secretSet")).isTrue();
        assertThat(json.getString("find { it.name == 'mpd' }.source")).isEqualTo("api");
        assertThat(list.asString()).doesNotContain(MediaServers.MPD_SECRET).doesNotContain(MediaServers.PLEX_SECRET);

        given().contentType(ContentType.JSON).body(List.of(Map.of("name", "p", "kind", "plex"))).put("/api/targets")
                .then().statusCode(422).contentType("application/problem+json").body("detail", containsString("needs a url"));
        given().contentType(ContentType.JSON).body(List.of(Map.of("name", "f", "kind", "folder", "directory", "relative/dir")))
                .put("/api/targets").then().statusCode(422).body("detail", containsString("absolute directory"));
        given().contentType(ContentType.JSON).body(List.of(Map.of("name", "m", "kind", "mpd", "url", "mpd://h:1",
                "pathMappings", List.of("nomapping")))).put("/api/targets").then().statusCode(422).body("detail", containsString("FROM=TO"));
        assertThat(given().get("/api/targets").jsonPath().getList("name")).containsExactly("box", "mpd");
    }

    @Test
    void checkSaysWhatTheServerCanMatch() {
        targets(mpd("mpd", MediaServers.mpdPort), mpd("nopass", MediaServers.mpdPort), mpd("down", closedPort()));
        data.trackAt(lib + "two.flac", "Ada", "Second Wind", 4, null);
        JsonPath ok = given().get("/api/targets/mpd/check").then().statusCode(200).extract().jsonPath();
        assertThat(ok.getBoolean("reachable")).isTrue();
        assertThat(ok.getBoolean("authenticated")).isTrue();
        assertThat(ok.getInt("catalogueTracks")).isEqualTo(MediaServers.FILES.size());
        assertThat(ok.getInt("matchableTracks")).isGreaterThanOrEqualTo(1);

        JsonPath nopass = given().get("/api/targets/nopass/check").then().statusCode(200).extract().jsonPath();
        assertThat(nopass.getBoolean("authenticated")).isFalse();
        assertThat(nopass.getString("detail")).contains("SEGUE_TARGET_NOPASS_SECRET");

        JsonPath down = given().get("/api/targets/down/check").then().statusCode(200).extract().jsonPath();
        assertThat(down.getBoolean("reachable")).isFalse();
        assertThat(down.getString("detail")).contains("cannot reach");
        given().get("/api/targets/nothere/check").then().statusCode(404).body("detail", containsString("nothere"));
    }

    @Test
    void mpdPushCreatesThenReplacesInPlaceAndRecreatesWhatWasDeleted() {
        targets(mpd("mpd", MediaServers.mpdPort));
        String name = "Evening " + UUID.randomUUID().toString().substring(0, 6);
        long playlist = tagged(name);

        JsonPath first = push(playlist, "mpd").then().statusCode(200).extract().jsonPath();
        assertThat(first.getBoolean("created")).isTrue();
        assertThat(first.getString("remoteId")).isEqualTo(name);
        assertThat(first.getInt("matched")).isEqualTo(3);
        assertThat(first.getList("unmatched.title")).containsExactly("Nowhere");
        assertThat(first.getString("unmatched[0].reason")).contains("by path " + MediaServers.TAG + "/gone/");
        List<String> expected = List.of(MediaServers.TAG + "/one.flac", MediaServers.TAG + "/tagged.flac", MediaServers.TAG + "/three.flac");
        assertThat(files(name)).containsExactlyElementsOf(expected);

        long two = data.trackAt(lib + "two.flac", "Ada", "Second Wind", 4, null);
        data.order(playlist, List.of(two, data.trackAt(lib + "three.flac", "Bea", "Third Rail", 5, null)));
        for (int i = 0; i < 10; i++) {
            JsonPath again = push(playlist, "mpd").then().statusCode(200).extract().jsonPath();
            assertThat(again.getBoolean("created")).isFalse();
        }
        assertThat(MediaServers.mpd("listplaylists").stream().filter(l -> l.startsWith("playlist: " + name))).hasSize(1);
        assertThat(files(name)).containsExactly(MediaServers.TAG + "/two.flac", MediaServers.TAG + "/three.flac");

        MediaServers.mpd("rm \"" + name + "\"");
        JsonPath recreated = push(playlist, "mpd").then().statusCode(200).extract().jsonPath();
        assertThat(recreated.getBoolean("created")).isTrue();
        assertThat(recreated.getString("remoteId")).isEqualTo(name);
        assertThat(files(name)).containsExactly(MediaServers.TAG + "/two.flac", MediaServers.TAG + "/three.flac");
    }

    @Test
    void mpdFaultsAreProblemsNamingTheTargetAndLeaveNothingBehind() {
        targets(mpd("nopass", MediaServers.mpdPort), mpd("down", closedPort()));
        String name = "Faulty " + UUID.randomUUID().toString().substring(0, 6);
        long playlist = tagged(name);

        push(playlist, "nopass").then().statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("'nopass'")).body("detail", containsString("password"))
                .body("detail", containsString("SEGUE_TARGET_NOPASS_SECRET"));
        push(playlist, "down").then().statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("'down'")).body("detail", containsString("cannot reach"));
        push(playlist, "elsewhere").then().statusCode(404).body("detail", containsString("'elsewhere'"));
        push(999_999_999L, "down").then().statusCode(404).body("detail", containsString("999999999"));
        assertThat(MediaServers.mpd("listplaylists")).noneMatch(l -> l.contains(name));
    }

    @Test
    void folderPushWritesOneFileAtomicallyWithMappedPaths() throws IOException {
        targets(Map.of("name", "box", "kind", "folder", "directory", MediaServers.folder.toString(),
                "pathMappings", List.of("/music=/srv/media")));
        String name = "Folder " + UUID.randomUUID().toString().substring(0, 6);
        long one = data.trackAt(lib + "one.flac", "Ada", "First Light", 3, null);
        long outside = data.trackAt("/other/" + UUID.randomUUID() + ".flac", "Ada", "Elsewhere", 3, null);
        long three = data.trackAt(lib + "three.flac", "Bea", "Third Rail", 5, null);
        long playlist = data.playlist(name, List.of(one, outside, three));

        JsonPath first = push(playlist, "box").then().statusCode(200).extract().jsonPath();
        assertThat(first.getString("remoteId")).isEqualTo(name + ".m3u8");
        assertThat(first.getString("unmatched[0].reason")).contains("outside every path mapping");
        data.order(playlist, List.of(three, one));
        JsonPath second = push(playlist, "box").then().statusCode(200).extract().jsonPath();
        assertThat(second.getBoolean("created")).isFalse();

        Path file = MediaServers.folder.resolve(name + ".m3u8");
        assertThat(Files.readAllLines(file)).containsExactly("#EXTM3U", "/srv/media/" + MediaServers.TAG + "/three.flac",
                "/srv/media/" + MediaServers.TAG + "/one.flac");
        try (Stream<Path> files = Files.list(MediaServers.folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith(name) || f.endsWith(".tmp")))
                    .containsExactly(name + ".m3u8");
        }
    }

    private static List<String> files(String playlist) {
        return MediaServers.mpd("listplaylist \"" + playlist + "\"").stream().map(l -> l.substring("file: ".length())).toList();
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
