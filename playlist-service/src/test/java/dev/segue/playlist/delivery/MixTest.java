package dev.segue.playlist.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.segue.playlist.Cluster;
import dev.segue.playlist.SonicServiceMock;
import dev.segue.playlist.TestData;
import dev.segue.playlist.repository.Mix;
import dev.segue.playlist.repository.MixRepository;
import dev.segue.playlist.repository.TrackRepository;
import dev.segue.playlist.service.MixService;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mixes through the API on a cluster library: validation, runs that renew one playlist per target in place
 * (a playlist folder and a Subsonic WireMock) with fresh picks, pruning, a failing target, and the scheduler's
 * claim of due mixes.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SonicServiceMock.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(MediaServers.class)
class MixTest {

    private static final String OK = "{\"subsonic-response\":{\"status\":\"ok\",\"version\":\"1.16.1\",\"type\":\"navidrome\","
            + "\"openSubsonic\":true";

    @Inject
    MixRepository repository;
    @Inject
    MixService service;
    @Inject
    TrackRepository tracks;

    private final TestData data = new TestData();
    private final String name = "Daily " + UUID.randomUUID().toString().substring(0, 8);
    private Cluster cluster;

    @BeforeEach
    void library() {
        cluster = new Cluster(data, 30, 5);
        given().post("/api/index/refresh").then().statusCode(200);
        WireMockServer sub = MediaServers.http;
        sub.resetAll();
        StringBuilder songs = new StringBuilder(OK + ",\"searchResult3\":{\"song\":[");
        for (int i = 0; i < cluster.tracks.size(); i++) {
            songs.append(i > 0 ? "," : "").append("{\"id\":\"c").append(cluster.tracks.get(i)).append("\",\"title\":\"Track ").append(i)
                    .append("\",\"artist\":\"Artist ").append(i % 5).append(' ').append(data.tag).append("\",\"duration\":")
                    .append(180 + 7 * i).append('}');
        }
        sub.stubFor(get(urlPathEqualTo("/rest/search3")).willReturn(okJson(songs.append("]}}}").toString())));
        sub.stubFor(get(urlPathEqualTo("/rest/createPlaylist")).withQueryParam("name", equalTo(name))
                .willReturn(okJson(OK + ",\"playlist\":{\"id\":\"mix-1\"}}}")));
        sub.stubFor(get(urlPathEqualTo("/rest/createPlaylist")).withQueryParam("playlistId", equalTo("mix-1")).willReturn(okJson(OK + "}}")));
        sub.stubFor(get(urlPathEqualTo("/rest/getPlaylist")).withQueryParam("id", equalTo("mix-1"))
                .willReturn(okJson(OK + ",\"playlist\":{\"id\":\"mix-1\"}}}")));
        given().contentType(ContentType.JSON).body(List.of(
                Map.of("name", "box", "kind", "folder", "directory", MediaServers.folder.toString(), "pathMappings", List.of("/music=/srv/media")),
                Map.of("name", "subsonic", "kind", "subsonic", "url", sub.baseUrl(), "user", "navi"),
                Map.of("name", "down", "kind", "mpd", "url", "mpd://127.0.0.1:" + closedPort()))).put("/api/targets").then().statusCode(200);
    }

    @AfterEach
    void close() throws Exception {
        data.close();
    }

    private Map<String, Object> mix(Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "source", Map.of("seeds", List.of(cluster.tracks.get(0))),
                "size", 10, "targets", List.of("box", "subsonic")));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private static Response post(Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/mixes");
    }

    private static long create(Map<String, Object> body) {
        return post(body).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static JsonPath run(long mix) {
        Response r = given().post("/api/mixes/" + mix + "/runs");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
        assertThat(r.header("Location")).endsWith("/api/mixes/" + mix + "/editions/" + r.jsonPath().getInt("number"));
        return r.jsonPath();
    }

    private static List<Long> tracks(long playlist) {
        return given().get("/api/playlists/" + playlist).then().statusCode(200).extract().jsonPath().getList("tracks.trackId", Long.class);
    }

    @Test
    void aMixIsStoredReadChangedAndDeletedWithProblemsForWhatCannotBe() {
        Response created = post(mix("schedule", Map.of("cron", "0 6 * * *"), "freshShare", 0.3));
        created.then().statusCode(201).header("Location", endsWith("/api/mixes/" + created.jsonPath().getLong("id")));
        long id = created.jsonPath().getLong("id");
        JsonPath mix = given().get("/api/mixes/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(mix.getString("name")).isEqualTo(name);
        assertThat(mix.getDouble("definition.freshShare")).isEqualTo(0.3);
        assertThat(mix.getInt("definition.keepEditions")).as("the default").isEqualTo(5);
        OffsetDateTime next = OffsetDateTime.parse(mix.getString("nextRunAt"));
        assertThat(next).isAfter(OffsetDateTime.now()).isBefore(OffsetDateTime.now().plusDays(1).plusMinutes(1));
        assertThat(next.atZoneSameInstant(java.time.ZoneId.systemDefault()).getHour()).isEqualTo(6);
        assertThat(mix.getInt("editions")).isZero();
        assertThat(given().get("/api/mixes").jsonPath().getList("name", String.class)).contains(name);

        post(mix()).then().statusCode(409).contentType("application/problem+json").body("detail", containsString(name));
        post(mix("name", null)).then().statusCode(400).contentType("application/problem+json").body("detail", containsString("name"));
        post(mix("name", name + " b", "source", null)).then().statusCode(400).body("detail", containsString("source"));
        post(mix("name", name + " b", "source", Map.of("seeds", List.of(1), "addedWithinDays", 3))).then().statusCode(422)
                .body("detail", containsString("exactly one"));
        post(mix("name", name + " b", "source", Map.of("playlist", Long.MAX_VALUE))).then().statusCode(422)
                .body("detail", containsString("not a stored playlist"));
        post(mix("name", name + " b", "targets", List.of("box", "nowhere"))).then().statusCode(422).body("detail", containsString("'nowhere'"));
        post(mix("name", name + " b", "targets", List.of("box", "box"))).then().statusCode(422).body("detail", containsString("twice"));
        post(mix("name", name + " b", "schedule", Map.of("cron", "every morning"))).then().statusCode(422)
                .body("detail", containsString("Unix cron"));
        post(mix("name", name + " b", "schedule", Map.of("cron", "0 6 * * *", "intervalMinutes", 60))).then().statusCode(422)
                .body("detail", containsString("not both"));
        post(mix("name", name + " b", "targetMinutes", 30)).then().statusCode(422).body("detail", containsString("size or targetMinutes"));
        post(mix("name", name + " b", "freshShare", 1.5)).then().statusCode(400).contentType("application/problem+json");
        post(mix("name", name + " b", "sise", 3)).then().statusCode(400).contentType("application/problem+json");
        post(mix("name", name + " b", "keepEditions", 0)).then().statusCode(400);
        assertThat(given().get("/api/mixes").jsonPath().getList("name", String.class)).doesNotContain(name + " b");

        given().contentType(ContentType.JSON).body(Map.of("schedule", Map.of(), "keepEditions", 2)).patch("/api/mixes/" + id)
                .then().statusCode(200).body("definition.keepEditions", org.hamcrest.Matchers.equalTo(2))
                .body("nextRunAt", org.hamcrest.Matchers.nullValue()).body("definition.freshShare", org.hamcrest.Matchers.equalTo(0.3f));
        JsonPath put = given().contentType(ContentType.JSON).body(mix("schedule", Map.of("intervalMinutes", 90), "size", 12))
                .put("/api/mixes/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(put.getInt("definition.size")).isEqualTo(12);
        assertThat(put.getDouble("definition.freshShare")).as("PUT replaces: the default again").isEqualTo(0.5);
        assertThat(OffsetDateTime.parse(put.getString("nextRunAt"))).isAfter(OffsetDateTime.now().plusMinutes(85));
        given().contentType(ContentType.JSON).body(mix()).put("/api/mixes/999999999").then().statusCode(404);

        given().delete("/api/mixes/" + id).then().statusCode(204);
        given().get("/api/mixes/" + id).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(String.valueOf(id)));
        given().post("/api/mixes/" + id + "/runs").then().statusCode(404);
    }

    @Test
    void eachRunRenewsOnePlaylistPerTargetInPlaceWithFreshPicksAndKeepsTheNewestEditions() throws IOException {
        long id = create(mix("targets", List.of("box", "subsonic", "down"), "keepEditions", 2, "freshShare", 0.5));
        List<JsonPath> editions = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            JsonPath e = run(id);
            assertThat(e.getInt("number")).isEqualTo(n);
            assertThat(e.getString("trigger")).isEqualTo("request");
            assertThat(e.getInt("tracks")).isEqualTo(10);
            assertThat(e.getList("targets.target")).containsExactly("box", "subsonic", "down");
            assertThat(e.getBoolean("targets[0].created")).isEqualTo(n == 1);
            assertThat(e.getBoolean("targets[1].created")).isEqualTo(n == 1);
            assertThat(e.getInt("targets[0].pushed")).isEqualTo(10);
            assertThat(e.getInt("targets[1].pushed")).isEqualTo(10);
            assertThat(e.getString("targets[1].remoteId")).isEqualTo("mix-1");
            // the first runs find it unreachable; after the retries its breaker opens and later runs are refused at once
            assertThat(e.getString("targets[2].error")).contains("'down'").containsAnyOf("cannot reach", "calls to it are paused");
            assertThat(e.getString("targets[0].error")).isNull();
            editions.add(e);
        }
        List<Long> third = tracks(editions.get(2).getLong("playlistId"));
        List<Long> second = tracks(editions.get(1).getLong("playlistId"));
        int fresh = (int) third.stream().filter(t -> !second.contains(t)).count();
        assertThat(fresh).as("at least half of the tracks were not in the previous edition").isGreaterThanOrEqualTo(5)
                .isEqualTo(editions.get(2).getInt("fresh"));
        assertThat(third.get(0)).as("the seed opens every edition").isEqualTo(cluster.tracks.get(0));
        assertThat(editions.get(0).getInt("fresh")).as("everything is fresh in a first edition").isEqualTo(10);

        JsonPath listed = given().get("/api/mixes/" + id + "/editions").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("number", Integer.class)).as("keepEditions 2, newest first").containsExactly(3, 2);
        given().get("/api/playlists/" + editions.get(0).getLong("playlistId")).then().statusCode(404);
        given().get("/api/mixes/" + id + "/editions/1").then().statusCode(404).body("detail", containsString("no edition 1"));
        given().get("/api/mixes/" + id + "/editions/3").then().statusCode(200).body("fresh", org.hamcrest.Matchers.equalTo(fresh));
        JsonPath mix = given().get("/api/mixes/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(mix.getInt("latest.number")).isEqualTo(3);
        assertThat(mix.getBoolean("running")).isFalse();

        // one file in the folder, holding the newest edition
        String m3u = given().get("/api/playlists/" + editions.get(2).getLong("playlistId") + ".m3u8").asString();
        List<String> newest = m3u.lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceFirst("^/mnt/nas", "/srv/media")).toList();
        try (Stream<Path> files = Files.list(MediaServers.folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith(name))).containsExactly(name + ".m3u8");
        }
        assertThat(Files.readAllLines(MediaServers.folder.resolve(name + ".m3u8"))).containsExactlyElementsOf(
                Stream.concat(Stream.of("#EXTM3U"), newest.stream()).toList());

        // one playlist on the Subsonic server: created once, replaced in place by the later editions
        WireMockServer sub = MediaServers.http;
        sub.verify(1, getRequestedFor(urlPathEqualTo("/rest/createPlaylist")).withQueryParam("name", equalTo(name)));
        List<LoggedRequest> replaces = sub.findAll(getRequestedFor(urlPathEqualTo("/rest/createPlaylist"))
                .withQueryParam("playlistId", equalTo("mix-1")));
        assertThat(replaces).hasSize(2);
        assertThat(replaces.get(1).queryParameter("songId").values()).containsExactlyElementsOf(third.stream().map(t -> "c" + t).toList());
    }

    @Test
    void aPlaylistSourceDrawsEachEditionsSeedsFromItsTracks() {
        List<Long> source = cluster.tracks.subList(5, 15);
        long playlist = data.playlist("Source " + name, source);
        long id = create(mix("source", Map.of("playlist", playlist), "targets", List.of()));
        for (int n = 0; n < 2; n++) {
            JsonPath e = run(id);
            JsonPath built = given().get("/api/playlists/" + e.getLong("playlistId")).then().statusCode(200).extract().jsonPath();
            List<Long> seeds = new ArrayList<>();
            for (int i = 0; i < built.getList("tracks").size(); i++) {
                if (built.getBoolean("tracks[" + i + "].seed")) {
                    seeds.add(built.getLong("tracks[" + i + "].trackId"));
                }
            }
            assertThat(seeds).hasSize(3).isSubsetOf(source);
            assertThat(e.getList("targets")).isEmpty();
        }
    }

    @Test
    void aRuleOfRecentlyAddedTracksReadsOnlyThoseAddedInTime() {
        long old = cluster.tracks.get(1);
        data.update("UPDATE tracks SET created_at = now() - interval '10 days' WHERE id = ?", old);
        assertThat(tracks.addedWithin(5)).contains(cluster.tracks.get(2)).doesNotContain(old);
        assertThat(tracks.addedWithin(11)).contains(old);
    }

    @Test
    void aDueMixIsClaimedOnceWhateverTheNumberOfReplicasAndRenewedOnSchedule() throws Exception {
        long id = create(mix("schedule", Map.of("intervalMinutes", 60), "targets", List.of("box")));
        data.update("UPDATE mixes SET next_run_at = now() - interval '1 minute' WHERE id = ?", id);
        int replicas = 6;
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Mix>>> claims = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            claims.add(pool.submit(() -> {
                start.await();
                OffsetDateTime now = OffsetDateTime.now();
                return repository.claimDue(now, Duration.ofMinutes(15), m -> now.plusMinutes(60));
            }));
        }
        start.countDown();
        int mine = 0;
        for (Future<Optional<Mix>> claim : claims) {
            Optional<Mix> got = claim.get();
            if (got.isPresent() && got.get().id == id) {
                mine++;
            }
        }
        pool.shutdown();
        assertThat(mine).as("claims of the due mix among " + replicas + " concurrent schedulers").isEqualTo(1);
        JsonPath claimed = given().get("/api/mixes/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(claimed.getBoolean("running")).isTrue();
        assertThat(OffsetDateTime.parse(claimed.getString("nextRunAt"))).isAfter(OffsetDateTime.now().plusMinutes(55));
        given().post("/api/mixes/" + id + "/runs").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("right now"));
        given().delete("/api/mixes/" + id).then().statusCode(409);

        repository.release(id, null);
        data.update("UPDATE mixes SET next_run_at = now() - interval '1 minute' WHERE id = ?", id);
        assertThat(service.renewDue()).isGreaterThanOrEqualTo(1);
        JsonPath renewed = given().get("/api/mixes/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(renewed.getString("latest.trigger")).isEqualTo("schedule");
        assertThat(renewed.getInt("editions")).isEqualTo(1);
        assertThat(renewed.getBoolean("running")).isFalse();
        assertThat(OffsetDateTime.parse(renewed.getString("nextRunAt"))).isAfter(OffsetDateTime.now().plusMinutes(55));
        assertThat(service.renewDue()).as("not due again until the next interval").isZero();
        assertThat(given().get("/api/mixes/" + id).jsonPath().getInt("editions")).isEqualTo(1);
    }

    @Test
    void aRunThatCannotBuildIsAProblemKeptAsTheMixsLastError() {
        long id = create(mix("source", Map.of("seeds", List.of(Long.MAX_VALUE - 1))));
        given().post("/api/mixes/" + id + "/runs").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(String.valueOf(Long.MAX_VALUE - 1)));
        JsonPath mix = given().get("/api/mixes/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(mix.getString("lastError")).contains(String.valueOf(Long.MAX_VALUE - 1));
        assertThat(mix.getBoolean("running")).as("the claim is released").isFalse();
        assertThat(mix.getInt("editions")).isZero();
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
