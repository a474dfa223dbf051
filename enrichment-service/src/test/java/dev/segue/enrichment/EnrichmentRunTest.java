package dev.segue.enrichment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import dev.segue.testing.RunConvention;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourcesStub.class, scope = TestResourceScope.GLOBAL)
class EnrichmentRunTest {

    @Inject
    CircuitBreakerMaintenance breakers;

    static WireMockServer wm() {
        return SourcesStub.server();
    }

    @AfterEach
    void noRunLeftActive() {
        List<Integer> active = given().get("/api/enrichment/runs").then().statusCode(200).extract()
                .jsonPath().getList("items.findAll { it.status == 'running' || it.status == 'queued' }.id");
        active.forEach(id -> given().delete("/api/enrichment/runs/" + id));
        assertRatesWithinLimits();
    }

    @Test
    void enrichesArtistsAndAlbumsOncePerSourceAndRepeatsNothingOnTheNextRun() {
        String u = LibraryRows.unique();
        String radiohead = "Radiohead " + u;
        String mbidA = UUID.randomUUID().toString();
        long a = LibraryRows.artist(radiohead, mbidA);
        long okComputer = LibraryRows.album(a, "OK Computer", "b1392450-e666-3926-a536-22c65f834433");
        long kidA = LibraryRows.album(a, "Kid A (Remastered)", null);
        long demo = LibraryRows.album(a, "Basement Demo " + u, null);
        String nirvana = "Nirvana " + u;
        String mbidB = UUID.randomUUID().toString();
        long b = LibraryRows.artist(nirvana, null);

        wm().stubFor(lastFm("artist.gettoptags").withQueryParam("mbid", WireMock.equalTo(mbidA)).willReturn(json("artist.getTopTags.json")));
        wm().stubFor(lastFm("artist.gettoptags").withQueryParam("artist", WireMock.equalTo(nirvana)).withQueryParam("autocorrect", WireMock.equalTo("1"))
                .willReturn(okJson("{\"toptags\":{\"tag\":{\"count\":\"100\",\"name\":\"Grunge\",\"url\":\"\"},\"@attr\":{\"artist\":\"x\"}}}")));
        wm().stubFor(lastFm("album.gettoptags").withQueryParam("album", WireMock.equalTo("OK Computer")).willReturn(json("album.getTopTags-single.json")));
        wm().stubFor(lastFm("album.gettoptags").withQueryParam("album", WireMock.equalTo("Kid A (Remastered)"))
                .willReturn(okJson("{\"toptags\":{\"#text\":\"\\n\",\"artist\":\"x\",\"album\":\"y\"}}")));
        wm().stubFor(get(urlPathEqualTo("/ws/2/artist/" + mbidA)).willReturn(json("artist-lookup.json")));
        wm().stubFor(get(urlPathEqualTo("/ws/2/artist")).withQueryParam("query", WireMock.equalTo("artist:\"" + nirvana + "\""))
                .willReturn(okJson(SourcesStub.fixture("artist-search.json").replace("\"name\":\"Nirvana\"", "\"name\":\"" + nirvana + "\"")
                        .replace("5b11f4ce-a62d-471e-81fc-a69a8278c7da", mbidB))));
        wm().stubFor(get(urlPathEqualTo("/ws/2/artist/" + mbidB)).willReturn(okJson(
                "{\"id\":\"" + mbidB + "\",\"genres\":[{\"count\":2,\"name\":\"alternative rock\"},{\"count\":12,\"name\":\"grunge\"},{\"count\":6,\"name\":\"rock\"}]}")));
        wm().stubFor(get(urlPathEqualTo("/ws/2/release-group")).withQueryParam("artist", WireMock.equalTo(mbidA))
                .willReturn(json("release-group-browse.json")));

        JsonPath run = awaitRun(startRun("{\"scope\":\"all\"}"));
        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getLong("progress.musicbrainz.calls")).isGreaterThanOrEqualTo(4);

        // each artist and album once per source; one browse covers all three albums of the artist
        assertThat(count(getRequestedFor(urlPathEqualTo("/ws/2/artist/" + mbidA)))).isEqualTo(1);
        assertThat(count(getRequestedFor(urlPathEqualTo("/ws/2/artist")).withQueryParam("query", containing(nirvana)))).isEqualTo(1);
        assertThat(count(getRequestedFor(urlPathEqualTo("/ws/2/artist/" + mbidB)))).isEqualTo(1);
        assertThat(count(getRequestedFor(urlPathEqualTo("/ws/2/release-group")).withQueryParam("artist", WireMock.equalTo(mbidA)))).isEqualTo(1);
        assertThat(count(getRequestedFor(urlPathEqualTo("/ws/2/release-group")).withQueryParam("artist", WireMock.equalTo(mbidB)))).isZero();
        assertThat(count(lastFmCalls().withQueryParam("mbid", WireMock.equalTo(mbidA)))).isEqualTo(1);
        assertThat(count(lastFmCalls().withQueryParam("artist", WireMock.equalTo(nirvana)))).isEqualTo(1);
        assertThat(count(lastFmCalls().withQueryParam("artist", WireMock.equalTo(radiohead)))).isEqualTo(3);
        wm().findAll(getRequestedFor(urlPathMatching("/ws/2/.*"))).forEach(r ->
                assertThat(r.getHeader("User-Agent")).matches("Segue/\\S+ \\( \\S+ \\)"));
        assertThat(wm().findAll(lastFmCalls()).getFirst().queryParameter("api_key").firstValue()).isEqualTo(SourcesStub.API_KEY);

        assertThat(LibraryRows.value("SELECT external_id FROM enrichment_state WHERE entity_type = 'artist' AND entity_id = ? AND source = 'musicbrainz'", b))
                .isEqualTo(mbidB);
        given().get("/api/artists/" + a + "/genres").then().statusCode(200)
                .body("genres.find { it.genre == 'alternative rock' }.parent", equalTo("rock"))
                .body("genres.find { it.genre == 'alternative rock' }.sources.source", org.hamcrest.Matchers.hasItems("lastfm_artist", "musicbrainz_artist"))
                .body("genres.genre", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItems("seen live", "british", "favorites")));
        given().get("/api/artists/" + b + "/genres").then().statusCode(200)
                .body("genres[0].genre", equalTo("grunge")).body("genres[0].weight", equalTo(1.0f));
        given().get("/api/albums/" + okComputer + "/genres").then().statusCode(200)
                .body("genres.genre", org.hamcrest.Matchers.hasItems("alternative rock", "hip hop"));
        given().get("/api/albums/" + kidA + "/genres").then().statusCode(200)
                .body("genres[0].genre", equalTo("electronic")).body("genres[0].sources[0].source", equalTo("musicbrainz_release_group"));
        assertThat(state("album", demo, "musicbrainz")).isEqualTo("not_found");
        assertThat(state("album", demo, "lastfm")).isEqualTo("not_found");
        assertThat(state("album", kidA, "lastfm")).isEqualTo("found");

        int before = wm().getAllServeEvents().size();
        JsonPath again = awaitRun(startRun("{\"scope\":\"artists\"}"));
        assertThat(again.getString("status")).isEqualTo("completed");
        assertThat(count(getRequestedFor(urlPathEqualTo("/ws/2/artist/" + mbidA)))).isEqualTo(1);
        assertThat(count(lastFmCalls().withQueryParam("artist", WireMock.equalTo(nirvana)))).isEqualTo(1);
        assertThat(wm().getAllServeEvents().size()).isEqualTo(before);
    }

    @Test
    void transientFailuresAreRetriedHonouringRetryAfter() {
        breakers.resetAll();
        String u = LibraryRows.unique();
        String mbid = UUID.randomUUID().toString();
        long artist = LibraryRows.artist("Patient Artist " + u, mbid);
        wm().stubFor(lastFm("artist.gettoptags").withQueryParam("mbid", WireMock.equalTo(mbid)).inScenario("lf" + u)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(json("error-29-rate-limit.json")).willSetStateTo("second"));
        wm().stubFor(lastFm("artist.gettoptags").withQueryParam("mbid", WireMock.equalTo(mbid)).inScenario("lf" + u)
                .whenScenarioStateIs("second").willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        wm().stubFor(lastFm("artist.gettoptags").withQueryParam("mbid", WireMock.equalTo(mbid)).inScenario("lf" + u)
                .whenScenarioStateIs("ok").willReturn(json("artist.getTopTags.json")));
        wm().stubFor(get(urlPathEqualTo("/ws/2/artist/" + mbid)).inScenario("mb" + u).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1").withBody(SourcesStub.fixture("error-503-rate-limited.json")))
                .willSetStateTo("ok"));
        wm().stubFor(get(urlPathEqualTo("/ws/2/artist/" + mbid)).inScenario("mb" + u).whenScenarioStateIs("ok")
                .willReturn(json("artist-lookup.json")));

        JsonPath run = awaitRun(startRun("{\"scope\":\"artists\"}"));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(count(lastFmCalls().withQueryParam("mbid", WireMock.equalTo(mbid)))).isEqualTo(3);
        List<ServeEvent> mb = wm().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/ws/2/artist/" + mbid)).toList();
        assertThat(mb).hasSize(2);
        long gap = Math.abs(mb.get(0).getRequest().getLoggedDate().getTime() - mb.get(1).getRequest().getLoggedDate().getTime());
        assertThat(gap).as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(950);
        assertThat(state("artist", artist, "lastfm")).isEqualTo("found");
        assertThat(state("artist", artist, "musicbrainz")).isEqualTo("found");
    }

    @Test
    void malformedAnswersAndTimeoutsAreErrorsRetriedOnlyAfterTheirBackoff() {
        breakers.resetAll();
        String u = LibraryRows.unique();
        String mbid = UUID.randomUUID().toString();
        long artist = LibraryRows.artist("Broken Artist " + u, mbid);
        wm().stubFor(lastFm("artist.gettoptags").withQueryParam("mbid", WireMock.equalTo(mbid))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"toptags\": {\"tag\": [")));
        wm().stubFor(get(urlPathEqualTo("/ws/2/artist/" + mbid)).willReturn(json("artist-lookup.json").withFixedDelay(2600)));

        JsonPath run = awaitRun(startRun("{\"scope\":\"artists\"}"));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getLong("progress.lastfm.errors")).isGreaterThanOrEqualTo(1);
        // one call and three retries each, then the entity waits for its back-off
        assertThat(count(lastFmCalls().withQueryParam("mbid", WireMock.equalTo(mbid)))).isEqualTo(4);
        assertThat(count(getRequestedFor(urlPathEqualTo("/ws/2/artist/" + mbid)))).isEqualTo(4);
        assertThat(state("artist", artist, "lastfm")).isEqualTo("error");
        assertThat(state("artist", artist, "musicbrainz")).isEqualTo("error");
        assertThat((Boolean) LibraryRows.value("SELECT next_attempt_at > now() + interval '10 minutes' FROM enrichment_state"
                + " WHERE entity_type = 'artist' AND entity_id = ? AND source = 'lastfm'", artist)).isTrue();

        awaitRun(startRun("{\"scope\":\"artists\"}"));
        assertThat(count(lastFmCalls().withQueryParam("mbid", WireMock.equalTo(mbid)))).isEqualTo(4);

        // once the back-off has passed and the source answers again, the entity is fetched
        wm().stubFor(lastFm("artist.gettoptags").withQueryParam("mbid", WireMock.equalTo(mbid)).atPriority(1).willReturn(json("artist.getTopTags.json")));
        wm().stubFor(get(urlPathEqualTo("/ws/2/artist/" + mbid)).atPriority(1).willReturn(json("artist-lookup.json")));
        LibraryRows.update("UPDATE enrichment_state SET next_attempt_at = now() WHERE entity_type = 'artist' AND entity_id = ?", artist);
        awaitRun(startRun("{\"scope\":\"artists\"}"));
        assertThat(state("artist", artist, "lastfm")).isEqualTo("found");
        assertThat(state("artist", artist, "musicbrainz")).isEqualTo("found");
        assertThat(LibraryRows.value("SELECT attempts FROM enrichment_state WHERE entity_type = 'artist' AND entity_id = ? AND source = 'lastfm'", artist))
                .isEqualTo(0);
    }

    @Test
    void openBreakerPausesTheSourceWithoutFailingEntitiesAndResumes() throws Exception {
        breakers.resetAll();
        String u = LibraryRows.unique();
        List<Long> artists = new ArrayList<>();
        List<String> mbids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String mbid = UUID.randomUUID().toString();
            mbids.add(mbid);
            artists.add(LibraryRows.artist("Outage " + i + " " + u, mbid));
            wm().stubFor(get(urlPathEqualTo("/ws/2/artist/" + mbid)).willReturn(aResponse().withStatus(503)));
        }

        long id = startRun("{\"scope\":\"artists\"}");
        long deadline = System.currentTimeMillis() + 20_000;
        while (breakers.currentState("musicbrainz") != CircuitBreakerState.OPEN && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(breakers.currentState("musicbrainz")).isEqualTo(CircuitBreakerState.OPEN);
        for (String mbid : mbids) {
            wm().stubFor(get(urlPathEqualTo("/ws/2/artist/" + mbid)).atPriority(1).willReturn(json("artist-lookup.json")));
        }
        JsonPath run = awaitRun(id);

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getLong("progress.musicbrainz.pauses")).isGreaterThanOrEqualTo(1);
        assertThat(breakers.currentState("musicbrainz")).isEqualTo(CircuitBreakerState.CLOSED);
        long failed = artists.stream().filter(a -> "error".equals(state("artist", a, "musicbrainz"))).count();
        long found = artists.stream().filter(a -> "found".equals(state("artist", a, "musicbrainz"))).count();
        // only entities whose retries ran out before the breaker opened are errors; the rest waited and were fetched
        assertThat(failed).isLessThanOrEqualTo(2);
        assertThat(found).isEqualTo(artists.size() - failed);
        assertThat(found).isGreaterThanOrEqualTo(6);
    }

    @Test
    void runsAreListedNewestFirstInPages() {
        for (int i = 0; i < 4; i++) {
            LibraryRows.insert("INSERT INTO enrichment_runs (scope, status, finished_at) VALUES ('all', 'completed', now()) RETURNING id");
        }
        RunConvention.assertListedNewestFirstInPages("/api/enrichment/runs");
    }

    @Test
    void cancelledRunResumesWithoutRepeatingAnyCallAndOnlyOneRunIsActive() throws Exception {
        String u = LibraryRows.unique();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String name = "Resumable " + i + " " + u;
            names.add(name);
            LibraryRows.artist(name, null);
        }
        wm().stubFor(get(urlPathEqualTo("/ws/2/artist")).withQueryParam("query", containing("Resumable"))
                .willReturn(okJson("{\"created\":\"2026-01-01T00:00:00Z\",\"count\":0,\"offset\":0,\"artists\":[]}")));
        wm().stubFor(lastFm("artist.gettoptags").withQueryParam("artist", containing("Resumable"))
                .willReturn(json("artist.getTopTags.json").withFixedDelay(30)));

        long id = startRun("{\"scope\":\"artists\"}");
        RunConvention.assertNamesActiveRun(given().contentType(ContentType.JSON).body("{\"scope\":\"all\"}").post("/api/enrichment/runs")
                .then().body("detail", containsString("already active")), "/api/enrichment/runs", id);
        long deadline = System.currentTimeMillis() + 20_000;
        while (done(id, "musicbrainz") < 10
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        given().delete("/api/enrichment/runs/" + id).then().statusCode(200).body("status", equalTo("cancelled"));
        // cancelling again changes nothing: the run is over
        given().delete("/api/enrichment/runs/" + id).then().statusCode(200).body("status", equalTo("cancelled"));
        int searchedBeforeResume = count(getRequestedFor(urlPathEqualTo("/ws/2/artist")).withQueryParam("query", containing(u)));
        assertThat(searchedBeforeResume).isBetween(1, names.size() - 1);

        JsonPath resumed = awaitRun(startRun("{\"scope\":\"artists\"}"));

        assertThat(resumed.getString("status")).isEqualTo("completed");
        for (String name : names) {
            assertThat(count(getRequestedFor(urlPathEqualTo("/ws/2/artist")).withQueryParam("query", WireMock.equalTo("artist:\"" + name + "\""))))
                    .as(name).isEqualTo(1);
            assertThat(count(lastFmCalls().withQueryParam("artist", WireMock.equalTo(name)))).as(name).isEqualTo(1);
        }
        assertThat(resumed.getLong("progress.musicbrainz.done")).isGreaterThanOrEqualTo(names.size() - searchedBeforeResume);
    }

    @Test
    void trackLookupsOnlyForTracksWithoutAlbumOrArtistGenresAndFileTagsBecomeGenres() {
        String u = LibraryRows.unique();
        long tagged = LibraryRows.artist("Tagged " + u, null);
        long taggedAlbum = LibraryRows.album(tagged, "Tagged Album " + u, null);
        long t1 = LibraryRows.track(tagged, taggedAlbum, "Tagged Song " + u, null, "Hip-Hop/Rap; Seen Live", "2004");
        long t4 = LibraryRows.track(tagged, taggedAlbum, "Untagged Song " + u, null);
        long bare = LibraryRows.artist("Bare " + u, null);
        long bareAlbum = LibraryRows.album(bare, "Bare Album " + u, null);
        String recording = UUID.randomUUID().toString();
        long t2 = LibraryRows.track(bare, bareAlbum, "Paranoid " + u, recording);
        long t3 = LibraryRows.track(bare, bareAlbum, "Nameless " + u, null);
        wm().stubFor(lastFm("track.gettoptags").withQueryParam("mbid", WireMock.equalTo(recording))
                .willReturn(okJson("{\"toptags\":{\"tag\":[{\"count\":\"100\",\"name\":\"Progressive Rock\"},{\"count\":40,\"name\":\"seen live\"}]}}")));
        wm().stubFor(get(urlPathEqualTo("/ws/2/recording/" + recording)).willReturn(json("recording-lookup.json")));

        JsonPath run = awaitRun(startRun("{\"scope\":\"tracks\"}"));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(count(lastFmCalls().withQueryParam("track", WireMock.equalTo("Tagged Song " + u)))).isZero();
        assertThat(count(lastFmCalls().withQueryParam("track", WireMock.equalTo("Untagged Song " + u)))).isZero();
        assertThat(count(lastFmCalls().withQueryParam("mbid", WireMock.equalTo(recording)))).isEqualTo(1);
        assertThat(count(getRequestedFor(urlPathEqualTo("/ws/2/recording/" + recording)))).isEqualTo(1);
        assertThat(count(lastFmCalls().withQueryParam("track", WireMock.equalTo("Nameless " + u)))).isEqualTo(1);
        assertThat(state("track", t3, "musicbrainz")).isEqualTo("not_found");

        given().get("/api/tracks/" + t1 + "/genres").then().statusCode(200)
                .body("inheritedFrom", org.hamcrest.Matchers.nullValue())
                .body("genres.genre", org.hamcrest.Matchers.containsInAnyOrder("hip hop", "rap"))
                .body("genres[0].sources[0].source", equalTo("file"));
        given().get("/api/tracks/" + t4 + "/genres").then().statusCode(200)
                .body("inheritedFrom", equalTo("album")).body("genres.genre", org.hamcrest.Matchers.hasItem("hip hop"));
        given().get("/api/albums/" + taggedAlbum + "/genres").then().statusCode(200)
                .body("genres.find { it.genre == 'hip hop' }.weight", equalTo(0.5f));
        given().get("/api/tracks/" + t2 + "/genres").then().statusCode(200)
                .body("genres[0].genre", equalTo("progressive rock"))
                .body("genres.genre", org.hamcrest.Matchers.hasItem("alternative rock"));
    }

    @Test
    void recomputeRebuildsGenresFromStoredTagsWithoutCalls() {
        String u = LibraryRows.unique();
        String mbid = UUID.randomUUID().toString();
        long artist = LibraryRows.artist("Recomputed " + u, mbid);
        wm().stubFor(lastFm("artist.gettoptags").withQueryParam("mbid", WireMock.equalTo(mbid)).willReturn(json("artist.getTopTags.json")));
        awaitRun(startRun("{\"scope\":\"artists\"}"));
        Object rows = LibraryRows.value("SELECT count(*) FROM artist_genres WHERE artist_id = ?", artist);
        assertThat((Long) rows).isPositive();
        LibraryRows.update("DELETE FROM artist_genres WHERE artist_id = ?", artist);
        long level = LibraryRows.track(LibraryRows.artist("Level Designer " + u, null), null, "Level One " + u, null, "Game");
        int calls = wm().getAllServeEvents().size();

        given().post("/api/genres/recompute").then().statusCode(200).body("entitiesFromSources", org.hamcrest.Matchers.greaterThan(0));
        // a file genre the vocabulary does not know is the user's own, not dropped
        given().get("/api/tracks/" + level + "/genres").then().statusCode(200)
                .body("genres.genre", org.hamcrest.Matchers.contains("game"));

        assertThat(LibraryRows.value("SELECT count(*) FROM artist_genres WHERE artist_id = ?", artist)).isEqualTo(rows);
        assertThat(wm().getAllServeEvents().size()).isEqualTo(calls);
        given().get("/api/genres?used=true").then().statusCode(200)
                .body("find { it.name == 'alternative rock' }.parent", equalTo("rock"))
                .body("find { it.name == 'alternative rock' }.artists", org.hamcrest.Matchers.greaterThan(0));
        given().get("/api/enrichment/stats").then().statusCode(200)
                .body("entities.artists.total", org.hamcrest.Matchers.greaterThan(0))
                .body("entities.artists.withGenresFrom.lastfm_artist", org.hamcrest.Matchers.greaterThan(0))
                .body("entities.artists.states.lastfm.found", org.hamcrest.Matchers.greaterThan(0))
                .body("sources.find { it.source == 'lastfm' }.enabled", equalTo(true))
                .body("sources.find { it.source == 'musicbrainz' }.circuitBreaker", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void requestsThatCannotBeServedAreProblems() {
        given().contentType(ContentType.JSON).body("{\"scope\":\"everything\"}").post("/api/enrichment/runs").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("scope"));
        given().contentType(ContentType.JSON).body("{\"scope\":\"all\",\"limit\":0}").post("/api/enrichment/runs").then()
                .statusCode(400).contentType("application/problem+json");
        given().get("/api/enrichment/runs/987654321").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/artists/987654321/genres").then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/enrichment/runs/987654321").then().statusCode(404);
    }

    // helpers

    static MappingBuilder lastFm(String method) {
        return get(urlPathEqualTo("/2.0/")).withQueryParam("method", WireMock.equalTo(method)).atPriority(5);
    }

    static RequestPatternBuilder lastFmCalls() {
        return getRequestedFor(urlPathEqualTo("/2.0/"));
    }

    static ResponseDefinitionBuilder json(String fixture) {
        return okJson(SourcesStub.fixture(fixture));
    }

    static com.github.tomakehurst.wiremock.matching.StringValuePattern containing(String s) {
        return matching(".*" + java.util.regex.Pattern.quote(s) + ".*");
    }

    static int count(RequestPatternBuilder pattern) {
        return wm().findAll(pattern).size();
    }

    static int done(long run, String source) {
        Integer done = given().get("/api/enrichment/runs/" + run).jsonPath().get("progress." + source + ".done");
        return done == null ? 0 : done;
    }

    static String state(String type, long id, String source) {
        return (String) LibraryRows.value("SELECT status FROM enrichment_state WHERE entity_type = ? AND entity_id = ? AND source = ?",
                type, id, source);
    }

    static long startRun(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/enrichment/runs").then()
                .statusCode(202).header("Location", containsString("/api/enrichment/runs/"))
                .extract().jsonPath().getLong("id");
    }

    static JsonPath awaitRun(long id) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonPath run = given().get("/api/enrichment/runs/" + id).then().statusCode(200).extract().jsonPath();
            String status = run.getString("status");
            if (!"queued".equals(status) && !"running".equals(status)) {
                return run;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Run " + id + " still " + status + ": " + run.prettify());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Over every request the stub has seen: never more than the configured rate in any 1 s window, per source. */
    static void assertRatesWithinLimits() {
        List<Long> lastFm = new ArrayList<>();
        List<Long> musicBrainz = new ArrayList<>();
        for (ServeEvent e : wm().getAllServeEvents()) {
            long t = e.getRequest().getLoggedDate().getTime();
            (e.getRequest().getUrl().startsWith("/ws/2") ? musicBrainz : lastFm).add(t);
        }
        assertThat(RateWindows.peak(lastFm, 1000)).as("Last.fm requests in any 1 s").isLessThanOrEqualTo((int) SourcesStub.LASTFM_RATE);
        assertThat(RateWindows.peak(musicBrainz, 1000)).as("MusicBrainz requests in any 1 s")
                .isLessThanOrEqualTo((int) SourcesStub.MUSICBRAINZ_RATE);
    }
}
