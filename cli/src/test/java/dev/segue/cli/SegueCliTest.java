package dev.segue.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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

    private WireMockServer server;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private SegueCli cli;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        Map<String, URI> services = new LinkedHashMap<>();
        for (String name : new String[] {"library", "enrichment", "sonic", "playlist"}) {
            services.put(name, URI.create(server.baseUrl()));
        }
        cli = new SegueCli(new SegueApi(services, "the-key"), new PrintStream(printed, true, StandardCharsets.UTF_8), 1);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void scanPollsTheRunUntilItFinishesAndShowsProgress() {
        server.stubFor(post("/api/scans").willReturn(aResponse().withStatus(202)
                .withHeader("Location", server.baseUrl() + "/api/scans/7")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":7,\"status\":\"running\",\"discovered\":100,\"processed\":0}")));
        server.stubFor(get("/api/scans/7").inScenario("scan").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"id\":7,\"status\":\"running\",\"discovered\":100,\"processed\":50,\"filesPerSecond\":25.0,\"etaSeconds\":2}"))
                .willSetStateTo("done"));
        server.stubFor(get("/api/scans/7").inScenario("scan").whenScenarioStateIs("done")
                .willReturn(okJson("{\"id\":7,\"status\":\"completed\",\"discovered\":100,\"processed\":100,\"newTracks\":100}")));

        int exit = cli.run("scan", "--root", "/music/jazz");

        assertThat(exit).isZero();
        assertThat(output()).contains(" 50% 50/100", "25.0/s", "ETA 0:02", "100% 100/100", "newTracks: 100");
        server.verify(postRequestedFor(urlEqualTo("/api/scans"))
                .withHeader("X-Api-Key", equalTo("the-key"))
                .withRequestBody(equalToJson("{\"root\":\"/music/jazz\"}")));
    }

    @Test
    void aDatabaseOutageWhileFollowingARunIsWaitedOut() {
        server.stubFor(post("/api/analysis/runs").willReturn(aResponse().withStatus(202)
                .withHeader("Location", server.baseUrl() + "/api/analysis/runs/4")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":4,\"status\":\"running\",\"total\":10,\"done\":0}")));
        server.stubFor(get("/api/analysis/runs/4").inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "5")
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":503,\"detail\":\"The database is not reachable right now.\"}"))
                .willSetStateTo("back"));
        server.stubFor(get("/api/analysis/runs/4").inScenario("outage").whenScenarioStateIs("back")
                .willReturn(okJson("{\"id\":4,\"status\":\"completed\",\"total\":10,\"done\":10}")));

        int exit = cli.run("analyze");

        assertThat(exit).isZero();
        assertThat(output()).contains("Waiting: ", "database is not reachable", "100% 10/10");
    }

    @Test
    void aRunAlreadyGoingIsNotAnError() {
        server.stubFor(post("/api/analysis/runs").willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":409,\"detail\":\"Analysis run 3 is already running.\"}")));

        assertThat(cli.run("analyze")).isZero();
        assertThat(output()).contains("already running");
    }

    @Test
    void problemDetailIsShownAndTheExitCodeIsNonZero() {
        server.stubFor(post("/api/scans").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":400,\"detail\":\"/etc is not inside a library root (/music).\"}")));

        assertThat(cli.run("scan", "--root", "/etc")).isEqualTo(1);
        assertThat(output()).contains("HTTP 400: /etc is not inside a library root");
    }

    @Test
    void playlistIsPrintedAsATableAndItsM3uSaved(@TempDir Path dir) throws Exception {
        server.stubFor(post("/api/playlists").willReturn(aResponse().withStatus(201)
                .withHeader("Location", "/api/playlists/5").withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id":5,"name":"Evening","genreOnly":false,"tracks":[
                          {"trackId":1,"artist":"Miles Davis","title":"So What","durationSeconds":545,
                           "scores":{"sonic":1.0,"genre":1.0,"transition":null,"total":1.0}},
                          {"trackId":2,"artist":"Bill Evans","title":"Peace\\nPiece","durationSeconds":402,
                           "scores":{"sonic":0.81,"genre":0.92,"transition":0.77,"total":0.854}}]}
                        """)));
        server.stubFor(get("/api/playlists/5.m3u8").willReturn(aResponse().withBody("#EXTM3U\n")));
        Path m3u = dir.resolve("evening.m3u8");

        int exit = cli.run("playlist", "--seed", "1", "--size", "2", "--m3u", m3u.toString());

        assertThat(exit).isZero();
        assertThat(output()).contains("Evening", "Miles Davis", "9:05", "Peace Piece", "0.85", "0.77");
        assertThat(Files.readString(m3u)).isEqualTo("#EXTM3U\n");
        server.verify(postRequestedFor(urlEqualTo("/api/playlists"))
                .withRequestBody(equalToJson("{\"seeds\":[1],\"size\":2,\"ordering\":\"transition\"}", true, false)));
    }

    @Test
    void unreachableServiceSaysWhatToCheck() {
        server.stop();
        assertThat(cli.run("similar", "3")).isEqualTo(1);
        assertThat(output()).contains("not reachable", "segue status");
    }

    @Test
    void missingSeedIsAUsageError() {
        assertThat(cli.run("playlist", "--size", "10")).isEqualTo(2);
        assertThat(output()).contains("--seed");
    }
}
