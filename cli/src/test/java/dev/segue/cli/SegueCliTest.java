package dev.segue.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegueCliTest {

    private static final String PROBLEM = "application/problem+json";

    private WireMockServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private SegueCli cli;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        Map<String, URI> services = new LinkedHashMap<>();
        for (String name : StatusCommand.SERVICES) {
            services.put(name, URI.create(server.baseUrl()));
        }
        cli = new SegueCli(new Context(new SegueApi(services, "the-key"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, 1));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder problem(int status, String detail) {
        return aResponse().withStatus(status).withHeader("Content-Type", PROBLEM)
                .withBody("{\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }

    /** A 409 naming the active run, as the services answer a start while one is active. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder active(String detail, long id, String runs) {
        return aResponse().withStatus(409).withHeader("Content-Type", PROBLEM).withHeader("Location", runs + "/" + id)
                .withBody("{\"status\":409,\"detail\":\"" + detail + "\",\"activeRun\":{\"id\":" + id + ",\"location\":\"" + runs + "/" + id + "\"}}");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder accepted(String location, String body) {
        return aResponse().withStatus(202).withHeader("Location", location).withHeader("Content-Type", "application/json").withBody(body);
    }

    private void track(long id, String artist, String title) {
        server.stubFor(get("/api/tracks/" + id).willReturn(okJson(trackJson(id, artist, title))));
    }

    private static String trackJson(long id, String artist, String title) {
        return "{\"id\":" + id + ",\"artist\":\"" + artist + "\",\"album\":\"Kind of Blue\",\"title\":\"" + title
                + "\",\"durationMs\":545000,\"format\":\"flac\",\"status\":\"present\"}";
    }

    @Test
    void scanFollowsTheRunAndReportsUnreadableAndSkippedFiles() {
        server.stubFor(post("/api/scans").willReturn(accepted(server.baseUrl() + "/api/scans/7",
                "{\"id\":7,\"status\":\"running\",\"total\":100,\"done\":0}")));
        server.stubFor(get("/api/scans/7").inScenario("scan").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"id\":7,\"status\":\"running\",\"total\":100,\"done\":50,\"ratePerSecond\":25.0,\"etaSeconds\":2}"))
                .willSetStateTo("done"));
        server.stubFor(get("/api/scans/7").inScenario("scan").whenScenarioStateIs("done")
                .willReturn(okJson("""
                        {"id":7,"status":"completed","total":100,"done":100,"newTracks":97,"updated":0,"unchanged":0,
                         "moved":0,"missing":0,"failed":2,"startedAt":"2026-12-01T10:00:00Z","finishedAt":"2026-12-01T10:00:12Z",
                         "skipped":[{"extension":".wav","count":87,"reason":"shorter than 1 s: sound effects"},
                                    {"extension":".xm","count":1,"reason":"no decoder for tracker modules"}],"skippedTotal":88}""")));
        server.stubFor(get(urlPathEqualTo("/api/scans/7/errors")).willReturn(okJson("""
                {"items":[{"id":1,"path":"/music/broken.mp3","reason":"no audio frames"},
                          {"id":2,"path":"/music/empty.ogg","reason":"file is empty"}],"page":0,"size":10,"total":2}""")));

        int exit = cli.run("scan", "--root", "/music/jazz");

        assertThat(exit).isZero();
        assertThat(err()).contains("Started scan 7.", " 50% 50/100", "25.0/s", "ETA 0:02", "100% 100/100");
        assertThat(out()).contains("Scan 7 completed in 0:12: 100 files — 97 new", "2 could not be read",
                "/music/broken.mp3: no audio frames", "Skipped 88 files", ".wav ×87: shorter than 1 s", ".xm ×1: no decoder for tracker modules");
        server.verify(postRequestedFor(urlEqualTo("/api/scans"))
                .withHeader("X-Api-Key", equalTo("the-key"))
                .withRequestBody(equalToJson("{\"root\":\"/music/jazz\"}")));
    }

    @Test
    void aRunAlreadyGoingIsAttachedToAndFollowedToItsEnd() {
        server.stubFor(post("/api/analysis/runs").willReturn(active("analysis run 3 is already active", 3, "/api/analysis/runs")));
        server.stubFor(get("/api/analysis/runs/3").inScenario("attach").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"id\":3,\"status\":\"running\",\"total\":10,\"done\":4,\"failed\":0}")).willSetStateTo("done"));
        server.stubFor(get("/api/analysis/runs/3").inScenario("attach").whenScenarioStateIs("done").willReturn(okJson("""
                {"id":3,"status":"completed","total":10,"done":10,"failed":1,
                 "failures":[{"trackId":9,"path":"/music/x.mp3","status":"failed","error":"no audio stream"}]}""")));

        int exit = cli.run("analyze");

        assertThat(exit).isZero();
        assertThat(err()).contains("attached to analysis run 3", "40% 4/10", "100% 10/10");
        assertThat(out()).contains("9 analysed, 1 failed", "9 /music/x.mp3: failed no audio stream");
    }

    @Test
    void aRunThatEndedBeforeWeLookedIsStartedAgain() {
        server.stubFor(post("/api/scans").inScenario("race").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(active("A scan of /music is already running (scan 8)", 8, "/api/scans")).willSetStateTo("ended"));
        server.stubFor(post("/api/scans").inScenario("race").whenScenarioStateIs("ended")
                .willReturn(accepted("/api/scans/9", "{\"id\":9,\"status\":\"running\"}")));
        server.stubFor(get("/api/scans/8").willReturn(okJson("{\"id\":8,\"status\":\"completed\"}")));
        server.stubFor(get("/api/scans/9").willReturn(okJson("{\"id\":9,\"status\":\"completed\",\"done\":3,\"total\":3}")));

        assertThat(cli.run("scan")).isZero();
        assertThat(err()).contains("Started scan 9.");
    }

    @Test
    void aConflictWithoutARunGoingIsAFailureNotALoop() {
        server.stubFor(post("/api/enrichment/runs").willReturn(problem(409, "An enrichment run is already active")));

        assertThat(cli.run("enrich")).isEqualTo(1);
        assertThat(err()).contains("error: HTTP 409: An enrichment run is already active (yet no enrichment run is going at");
        server.verify(3, postRequestedFor(urlEqualTo("/api/enrichment/runs")));
    }

    @Test
    void aServiceThatGoesAwayWhileARunIsFollowedIsOneLineAndExitsNonZero() {
        server.stubFor(post("/api/analysis/runs").willReturn(accepted("/api/analysis/runs/5", "{\"id\":5,\"status\":\"running\"}")));
        server.stubFor(get("/api/analysis/runs/5").willReturn(aResponse().withFault(
                com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(cli.run("analyze")).isEqualTo(1);
        assertThat(err()).contains("error: sonic-service at ").doesNotContain("Exception\n\tat ");
    }

    @Test
    void enrichmentShowsAnUnreachableSourceWithItsCause() {
        server.stubFor(post("/api/enrichment/runs").willReturn(active("An enrichment run is already active (run 1)", 1, "/api/enrichment/runs")));
        server.stubFor(get("/api/enrichment/runs/1").inScenario("attach").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"id\":1,\"status\":\"running\",\"progress\":{}}")).willSetStateTo("done"));
        server.stubFor(get("/api/enrichment/runs/1").inScenario("attach").whenScenarioStateIs("done").willReturn(okJson("""
                {"id":1,"status":"completed","message":"musicbrainz was unreachable; its 195 entities stay due for the next run",
                 "progress":{"musicbrainz":{"state":"unreachable","done":0,"total":195,"calls":4,
                             "message":"UnknownHostException: musicbrainz.invalid"},
                             "lastfm":{"state":"disabled","done":0,"total":0,"message":"no API key configured"}}}""")));

        assertThat(cli.run("enrich")).isZero();
        assertThat(err()).contains("attached to enrichment run 1", "musicbrainz unreachable: UnknownHostException: musicbrainz.invalid");
        assertThat(out()).contains("musicbrainz  unreachable", "UnknownHostException: musicbrainz.invalid", "lastfm       disabled",
                "its 195 entities stay due");
    }

    @Test
    void aDatabaseOutageWhileFollowingARunIsWaitedOut() {
        server.stubFor(post("/api/analysis/runs").willReturn(accepted(server.baseUrl() + "/api/analysis/runs/4",
                "{\"id\":4,\"status\":\"running\",\"total\":10,\"done\":0}")));
        server.stubFor(get("/api/analysis/runs/4").inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(problem(503, "The database is not reachable right now.").withHeader("Retry-After", "5"))
                .willSetStateTo("back"));
        server.stubFor(get("/api/analysis/runs/4").inScenario("outage").whenScenarioStateIs("back")
                .willReturn(okJson("{\"id\":4,\"status\":\"completed\",\"total\":10,\"done\":10}")));

        assertThat(cli.run("analyze")).isZero();
        assertThat(err()).contains("Waiting: ", "database is not reachable", "100% 10/10");
    }

    @Test
    void aRunThatDoesNotCompleteExitsNonZero() {
        server.stubFor(post("/api/scans").willReturn(accepted("/api/scans/8", "{\"id\":8,\"status\":\"running\"}")));
        server.stubFor(get("/api/scans/8").willReturn(okJson(
                "{\"id\":8,\"status\":\"aborted\",\"done\":0,\"message\":\"The library root /music is empty: is the disk mounted?\"}")));

        assertThat(cli.run("scan")).isEqualTo(1);
        assertThat(out()).contains("Scan 8 aborted", "is the disk mounted?");
    }

    @Test
    void aProblemIsShownAndTheExitStatusIsNonZero() {
        server.stubFor(post("/api/scans").willReturn(problem(400, "/etc is not inside a library root (/music).")));

        assertThat(cli.run("scan", "--root", "/etc")).isEqualTo(1);
        assertThat(err()).contains("error: HTTP 400: /etc is not inside a library root");
    }

    @Test
    void playlistSendsEveryConstraintPrintsATableAndSavesTheM3u(@TempDir Path dir) throws Exception {
        track(1, "Miles Davis", "So What");
        track(5, "Bill Evans", "Peace Piece");
        server.stubFor(post("/api/playlists").willReturn(aResponse().withStatus(201)
                .withHeader("Location", "/api/playlists/5").withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id":5,"name":"Evening","genreOnly":false,"durationSeconds":947,"tracks":[
                          {"trackId":1,"artist":"Miles Davis","title":"So What","durationSeconds":545,
                           "scores":{"sonic":1.0,"genre":1.0,"transition":null,"total":1.0}},
                          {"trackId":2,"artist":"Bill Evans","title":"Peace\\nPiece","durationSeconds":402,
                           "scores":{"sonic":0.81,"genre":0.92,"transition":0.77,"total":0.854}}]}
                        """)));
        server.stubFor(get("/api/playlists/5.m3u8").willReturn(aResponse().withBody("#EXTM3U\n")));
        Path m3u = dir.resolve("evening.m3u8");

        int exit = cli.run("playlist", "--seed", "1", "--size=2", "--max-per-artist", "2", "--artist-gap", "1", "--album-gap", "0",
                "--min-track-seconds", "60", "--max-track-seconds", "900", "--bpm-window", "8.5", "--sonic-weight", "0.7",
                "--exclude", "5", "--exclude", "6", "--ordering", "Score", "--include-unanalysed", "--name", "Evening", "--m3u", m3u.toString());

        assertThat(exit).as(err()).isZero();
        assertThat(out()).contains("Miles Davis", "9:05", "Peace Piece", "0.85", "0.77");
        assertThat(err()).contains("Built playlist 5 \"Evening\"", "2 tracks, 15:47", "Saved " + m3u);
        assertThat(Files.readString(m3u)).isEqualTo("#EXTM3U\n");
        server.verify(postRequestedFor(urlEqualTo("/api/playlists")).withRequestBody(equalToJson("""
                {"seeds":[1],"size":2,"weights":{"sonic":0.7,"genre":0.3},"maxPerArtist":2,"artistGap":1,"albumGap":0,
                 "minTrackSeconds":60,"maxTrackSeconds":900,"bpmWindow":8.5,"excludeTrackIds":[5,6],"ordering":"score","includeUnanalysed":true,"name":"Evening"}""")));
    }

    @Test
    void aSeedGivenAsWordsThatNameOneTrackIsUsed() {
        server.stubFor(get("/api/tracks?size=10&page=0&q=so%20what&status=present").willReturn(okJson(
                "{\"items\":[" + trackJson(42, "Miles Davis", "So What") + "],\"page\":0,\"size\":10,\"total\":1}")));
        server.stubFor(post("/api/playlists").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":1,\"name\":\"x\",\"tracks\":[]}")));

        assertThat(cli.run("playlist", "so what", "--minutes", "60")).as(err()).isZero();
        assertThat(err()).contains("seed: 42 Miles Davis – So What");
        server.verify(postRequestedFor(urlEqualTo("/api/playlists")).withRequestBody(equalToJson("{\"seeds\":[42],\"targetMinutes\":60}")));
    }

    @Test
    void wordsThatFitSeveralTracksListThemAndBuildNothing() {
        server.stubFor(get("/api/tracks?size=10&page=0&q=blue&status=present").willReturn(okJson("{\"items\":["
                + trackJson(3, "Miles Davis", "Blue in Green") + "," + trackJson(8, "Joni Mitchell", "Blue") + "," + trackJson(11, "Eiffel 65", "Blue")
                + "],\"page\":0,\"size\":10,\"total\":3}")));

        assertThat(cli.run("playlist", "--seed", "blue")).isEqualTo(2);
        assertThat(err()).contains("Blue in Green", "Joni Mitchell", "Eiffel 65", "'blue' matches 3 tracks", "give the seed as an id");
        server.verify(0, postRequestedFor(urlEqualTo("/api/playlists")));
    }

    @Test
    void aSeedIdThatDoesNotExistIsAUsageError() {
        server.stubFor(get("/api/tracks/999").willReturn(problem(404, "No track 999.")));

        assertThat(cli.run("playlist", "--seed", "999")).isEqualTo(2);
        assertThat(err()).contains("There is no track 999", "segue tracks");
    }

    @Test
    void tooFewTracksNamesTheOptionsThatRelaxTheConstraints() {
        track(42, "Miles Davis", "So What");
        server.stubFor(post("/api/playlists").willReturn(problem(422,
                "Only 12 distinct tracks satisfy the constraints (maxPerArtist=4, minTrackSeconds=60), but size is 30; ask for fewer tracks or relax the constraints.")));

        assertThat(cli.run("playlist", "--seed", "42", "--size", "30")).isEqualTo(1);
        assertThat(err()).contains("HTTP 422: Only 12 distinct tracks", "from the command line: --size N, --max-per-artist N, --min-track-seconds S");
    }

    @Test
    void setReachesAnyRequestField() {
        track(42, "Miles Davis", "So What");
        server.stubFor(post("/api/playlists").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":1,\"name\":\"x\",\"tracks\":[]}")));

        assertThat(cli.run("playlist", "--seed", "42", "--set", "includeUnanalysed=true", "--set", "weights.genre=1", "--set", "name=Late"))
                .as(err()).isZero();
        server.verify(postRequestedFor(urlEqualTo("/api/playlists")).withRequestBody(equalToJson(
                "{\"seeds\":[42],\"includeUnanalysed\":true,\"weights\":{\"genre\":1},\"name\":\"Late\"}")));
    }

    @Test
    void pathTakesItsEndsAsArguments() {
        track(165, "Neon Coast", "Night Piece 1");
        track(32, "Granite", "Stone Piece 2");
        server.stubFor(post("/api/playlists/path").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":3,\"name\":\"path\",\"tracks\":[]}")));

        assertThat(cli.run("path", "165", "32", "--size", "6")).as(err()).isZero();
        server.verify(postRequestedFor(urlEqualTo("/api/playlists/path")).withRequestBody(equalToJson("{\"from\":165,\"to\":32,\"size\":6}")));
        assertThat(cli.run("path", "165")).isEqualTo(2);
        assertThat(err()).contains("segue path takes two tracks, FROM and TO");
    }

    @Test
    void tracksListsIdsAndSearchesByWords() {
        server.stubFor(get("/api/tracks?size=50&page=0&q=miles%20davis&status=present").willReturn(okJson("{\"items\":["
                + trackJson(42, "Miles Davis", "So What") + "," + trackJson(43, "Miles Davis", "Freddie Freeloader") + "],\"page\":0,\"size\":50,\"total\":2}")));

        assertThat(cli.run("search", "miles", "davis")).isZero();
        assertThat(out()).contains("id", "42  Miles Davis  Kind of Blue  So What", "9:05", "flac", "43");
        assertThat(err()).contains("2 tracks.");
    }

    @Test
    void statusShowsReadinessWhatHoldsAServiceBackAndCounts() {
        server.stubFor(get("/q/health/ready").willReturn(okJson("""
                {"status":"UP","checks":[{"name":"Enrichment sources","status":"UP",
                  "data":{"musicbrainz":"unreachable: UnknownHostException: musicbrainz.org","lastfm":"disabled: no API key configured"}}]}""")));
        server.stubFor(get("/api/stats").willReturn(okJson(
                "{\"tracks\":170,\"albums\":20,\"artists\":15,\"missing\":0,\"totalDurationMs\":3600000,\"byFormat\":{\"ogg\":120,\"mp3\":50}}")));
        server.stubFor(get("/api/enrichment/stats").willReturn(okJson("""
                {"entities":{"artists":{"total":15,"withGenres":3,"coverage":0.2}},
                 "sources":[{"source":"musicbrainz","enabled":true,"unreachable":"UnknownHostException: musicbrainz.org","calls":4}]}""")));
        server.stubFor(get("/api/analysis/stats").willReturn(okJson("{\"analysed\":160,\"presentTracks\":170,\"pending\":10,\"analyzerVersion\":3}")));
        server.stubFor(get("/api/index").willReturn(okJson("{\"tracks\":170,\"analysedTracks\":160}")));

        assertThat(cli.run("status")).isZero();
        assertThat(out()).contains("enrichment-service", "UP", "musicbrainz unreachable: UnknownHostException", "lastfm disabled: no API key",
                "170 tracks, 20 albums, 15 artists, 1:00:00 of music; ogg 120, mp3 50", "artists 3/15 (20 %)",
                "musicbrainz: unreachable: UnknownHostException: musicbrainz.org", "160 of 170 tracks analysed", "170 tracks, 160 with their sound");
    }

    @Test
    void anUnreachableServiceIsOneLineThatSaysWhatToDo() {
        server.stop();

        assertThat(cli.run("similar", "3")).isEqualTo(1);
        assertThat(err().strip()).doesNotContain("\n")
                .contains("library-service is not reachable at http://localhost:", "connection refused", "bin/segue-local", "SEGUE_LIBRARY_URL");
    }

    @Test
    void anUnknownHostIsOneLineToo() {
        Map<String, URI> services = new LinkedHashMap<>();
        StatusCommand.SERVICES.forEach(s -> services.put(s, URI.create("http://segue-nowhere.invalid:8081")));
        SegueCli offline = new SegueCli(new Context(new SegueApi(services, null), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, 1));

        assertThat(offline.run("scan")).isEqualTo(1);
        assertThat(err().strip()).doesNotContain("\n").contains("library-service is not reachable at http://segue-nowhere.invalid:8081");
    }

    @Test
    void statusExitsNonZeroWhenAServiceIsDown() {
        server.stop();

        assertThat(cli.run("status")).isEqualTo(1);
        assertThat(out()).contains("library-service", "unreachable");
        assertThat(err()).contains("4 of 4 services are not ready");
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatToChange() {
        assertThat(cli.run("playlist", "--size", "10")).isEqualTo(2);
        assertThat(err()).contains("needs a seed");
        assertThat(cli.run("playlist", "--seed", "1", "--size", "ten")).isEqualTo(2);
        assertThat(err()).contains("--size needs a whole number, not 'ten'");
        assertThat(cli.run("playlist", "--seed", "1", "--ordering", "best")).isEqualTo(2);
        assertThat(err()).contains("--ordering is one of transition, score, not 'best'");
        assertThat(cli.run("scan", "--rooot", "/music")).isEqualTo(2);
        assertThat(err()).contains("segue scan has no option --rooot");
        assertThat(cli.run("scan", "--root")).isEqualTo(2);
        assertThat(err()).contains("--root needs a value");
        assertThat(cli.run("plalist")).isEqualTo(2);
        assertThat(err()).contains("segue has no command 'plalist'");
        server.verify(0, postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    @Test
    void pushSaysWhatWasCreatedAndWhichTracksTheServerLacks() {
        server.stubFor(post("/api/playlists/7/push").withRequestBody(equalToJson("{\"target\":\"plex\"}")).willReturn(okJson("""
                {"playlistId":7,"target":"plex","remoteId":"90210","created":true,"tracks":3,"matched":2,
                 "unmatched":[{"position":1,"trackId":5,"artist":"Ada","title":"Gone","reason":"not found by path /data/x.flac"}]}""")));
        server.stubFor(post("/api/playlists/8/push").willReturn(problem(502, "Target 'plex' (plex) refused the credentials")));

        assertThat(cli.run("push", "7", "plex")).isZero();
        assertThat(out()).contains("created playlist 7 on plex (id 90210): 2 of 3 tracks").contains("Gone")
                .contains("not found by path /data/x.flac");
        assertThat(cli.run("push", "8", "plex")).isEqualTo(1);
        assertThat(err()).contains("refused the credentials");
        assertThat(cli.run("push", "plex")).isEqualTo(2);
    }

    @Test
    void mixCreateRunListAndDeleteByIdOrName() {
        String mix = """
                {"id":3,"name":"Daily","definition":{"name":"Daily","source":{"addedWithinDays":30},"size":40,"targets":["box","mpd"],
                 "schedule":{"cron":"0 6 * * *"},"freshShare":0.5,"keepEditions":5},"nextRunAt":"2026-12-03T06:00:00Z","running":false,
                 "editions":0}""";
        server.stubFor(post("/api/mixes").withRequestBody(equalToJson("""
                {"name":"Daily","source":{"addedWithinDays":30},"size":40,"targets":["box","mpd"],"schedule":{"cron":"0 6 * * *"},
                 "freshShare":0.7}""")).willReturn(aResponse().withStatus(201).withHeader("Location", "/api/mixes/3")
                .withHeader("Content-Type", "application/json").withBody(mix)));
        server.stubFor(get("/api/mixes").willReturn(okJson("[" + mix + "]")));
        server.stubFor(post("/api/mixes/3/runs").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"mixId":3,"number":2,"playlistId":41,"trigger":"request","tracks":40,"fresh":23,"notes":[],"targets":[
                         {"target":"box","remoteId":"Daily.m3u8","created":false,"pushed":40,"unmatched":0},
                         {"target":"mpd","pushed":0,"unmatched":0,"error":"Pushing playlist 41 to target 'mpd' failed: cannot reach h:6600"}]}""")));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete("/api/mixes/3").willReturn(aResponse().withStatus(204)));

        assertThat(cli.run("mix", "create", "--name", "Daily", "--added-within-days", "30", "--size", "40", "--target", "box",
                "--target", "mpd", "--cron", "0 6 * * *", "--fresh-share", "0.7")).as(err()).isZero();
        assertThat(out()).contains("Stored mix 3 \"Daily\" (cron 0 6 * * *; targets: box, mpd)");
        assertThat(cli.run("mix", "list")).isZero();
        assertThat(out()).contains("Daily").contains("2026-12-03T06:00:00Z");
        assertThat(cli.run("mix", "run", "Daily")).as("a target failed").isEqualTo(1);
        assertThat(out()).contains("Edition 2 of mix 3: playlist 41, 40 tracks, 23 not in the previous edition")
                .contains("replaced").contains("Daily.m3u8").contains("failed").contains("cannot reach h:6600");
        assertThat(cli.run("mix", "delete", "3")).isZero();
        server.verify(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(urlEqualTo("/api/mixes/3")));
        assertThat(cli.run("mix", "run", "Nightly")).isEqualTo(2);
        assertThat(err()).contains("no mix named 'Nightly'");
        assertThat(cli.run("mix")).isEqualTo(2);
        assertThat(cli.run("mix", "create", "--seed", "4")).isEqualTo(2);
        assertThat(err()).contains("--name NAME");
    }
}
