package dev.segue.enrichment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Without a network: MusicBrainz at a host that cannot resolve (.invalid), Last.fm at a closed port.
 * Each source is named with its cause in the run, stats and readiness, logged once, and the run ends
 * with the entities still due; a source that answers again is reachable at the next run.
 */
@QuarkusTest
@TestProfile(SourceReachabilityTest.Offline.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class SourceReachabilityTest {

    /** Nothing listens here until the test starts a server on it. */
    static final int CLOSED_PORT = freePort();

    /** Its own application: what is unreachable is process-wide state. */
    public static class Offline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.rest-client.musicbrainz.url", "http://musicbrainz.invalid",
                    "quarkus.rest-client.lastfm.url", "http://127.0.0.1:" + CLOSED_PORT,
                    "segue.enrichment.lastfm.api-key", "offline-key");
        }
    }

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLevel() + " " + String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        Logger.getLogger("dev.segue.enrichment").addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("dev.segue.enrichment").removeHandler(capture);
    }

    @Test
    void unreachableSourcesAreNamedWithTheirCauseAndTheRunEndsLeavingTheirWorkDue() {
        String u = LibraryRows.unique();
        long[] artists = new long[6];
        for (int i = 0; i < artists.length; i++) {
            artists[i] = LibraryRows.artist("Offline " + i + " " + u, null);
        }

        long started = System.nanoTime();
        JsonPath run = EnrichmentRunTest.awaitRun(EnrichmentRunTest.startRun("{\"scope\":\"artists\"}"));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(seconds).as("the run ends instead of waiting for a network").isLessThan(30);
        assertThat(run.getString("message")).contains("musicbrainz (UnknownHostException", "lastfm (ConnectException", "next run tries again");
        assertThat(run.getString("progress.musicbrainz.state")).isEqualTo("unreachable");
        assertThat(run.getString("progress.musicbrainz.message")).contains("UnknownHostException", "musicbrainz.invalid", "4 attempts in a row");
        assertThat(run.getString("progress.lastfm.state")).isEqualTo("unreachable");
        assertThat(run.getString("progress.lastfm.message")).contains("ConnectException").doesNotContain("offline-key");
        assertThat(run.getObject("progress.musicbrainz.etaSeconds", Long.class)).isNull();
        assertThat(run.getLong("progress.musicbrainz.errors")).isZero();
        // nothing was recorded as the entities' failure: they are due again as they were
        for (long artist : artists) {
            assertThat(EnrichmentRunTest.state("artist", artist, "musicbrainz")).isEqualTo("pending");
            assertThat(EnrichmentRunTest.state("artist", artist, "lastfm")).isEqualTo("pending");
        }

        JsonPath stats = given().get("/api/enrichment/stats").then().statusCode(200).extract().jsonPath();
        assertThat(stats.getString("sources.find { it.source == 'musicbrainz' }.unreachable")).contains("UnknownHostException");
        assertThat(stats.getString("sources.find { it.source == 'musicbrainz' }.unreachableSince")).isNotNull();
        assertThat(stats.getString("sources.find { it.source == 'lastfm' }.unreachable")).contains("ConnectException");
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(ready.getString("checks.find { it.name == 'Enrichment sources' }.data.musicbrainz"))
                .startsWith("unreachable: UnknownHostException").contains("since");

        // logged once per source, not once per entity or attempt
        assertThat(logged.stream().filter(l -> l.contains("is unreachable") && l.contains("musicbrainz"))).hasSize(1);
        assertThat(logged.stream().filter(l -> l.contains("is unreachable") && l.contains("lastfm"))).hasSize(1);

        // the next run asks once more (no retries) and ends the same way; then Last.fm answers again
        long calls = run.getLong("progress.musicbrainz.calls");
        JsonPath again = EnrichmentRunTest.awaitRun(EnrichmentRunTest.startRun("{\"scope\":\"artists\"}"));
        assertThat(again.getString("progress.musicbrainz.state")).isEqualTo("unreachable");
        assertThat(again.getLong("progress.musicbrainz.calls")).isEqualTo(1);
        assertThat(calls).isEqualTo(4);
        assertThat(logged.stream().filter(l -> l.contains("is unreachable") && l.contains("musicbrainz"))).hasSize(1);

        WireMockServer lastFm = new WireMockServer(options().port(CLOSED_PORT));
        lastFm.start();
        try {
            lastFm.stubFor(get(urlPathMatching("/2\\.0/?")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(SourcesStub.fixture("error-6-not-found.json"))));
            JsonPath back = EnrichmentRunTest.awaitRun(EnrichmentRunTest.startRun("{\"scope\":\"artists\"}"));
            assertThat(back.getString("progress.lastfm.state")).isEqualTo("done");
            assertThat(EnrichmentRunTest.state("artist", artists[0], "lastfm")).isEqualTo("not_found");
            assertThat(back.getString("message")).contains("musicbrainz").doesNotContain("lastfm");
            given().get("/api/enrichment/stats").then().statusCode(200);
            assertThat(given().get("/api/enrichment/stats").jsonPath().getString("sources.find { it.source == 'lastfm' }.unreachable")).isNull();
            assertThat(logged.stream().filter(l -> l.contains("reachable again") && l.contains("lastfm"))).hasSize(1);
        } finally {
            lastFm.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
