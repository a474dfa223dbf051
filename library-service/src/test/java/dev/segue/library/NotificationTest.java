package dev.segue.library;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.segue.library.AudioFixtures.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.segue.library.client.RunStarted;
import dev.segue.library.config.LibraryConfig;
import dev.segue.library.service.ScanNotifier;
import dev.segue.testing.Eventually;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jaudiotagger.tag.FieldKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** After a scan that changed the library, enrichment and sonic hear about it; their failures never hurt a scan. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = LibraryTestResource.class, scope = TestResourceScope.GLOBAL)
class NotificationTest {

    @LibraryTestResource.InjectWireMock
    WireMockServer wireMock;

    @Inject
    ScanNotifier notifier;

    @Inject
    LibraryConfig config;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    @AfterEach
    void reset() {
        LibraryTestResource.stubRunsAccepted(wireMock);
        breakers.resetAll();
    }

    @Test
    void aScanThatAddsTracksNotifiesBothAndAnUnchangedRescanNotifiesNobody() throws Exception {
        Path folder = Files.createDirectories(config.roots().get(0).resolve("notify-" + UUID.randomUUID()));
        tagged("mp3", folder.resolve("n.mp3"), Map.of(FieldKey.TITLE, "Notify"));
        assertThat(Scans.scan(folder).getString("status")).isEqualTo("completed");
        awaitRequests(1);
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/enrichment/runs")).withRequestBody(equalToJson("{\"scope\":\"all\"}")));
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/analysis/runs")).withRequestBody(equalToJson("{\"scope\":\"pending\"}")));

        Scans.scan(folder);
        // a third scan that adds a track notifies once more: had the unchanged rescan notified, there would be three
        tagged("flac", folder.resolve("m.flac"), Map.of(FieldKey.TITLE, "More"));
        Scans.scan(folder);
        awaitRequests(2);
        wireMock.verify(2, postRequestedFor(urlEqualTo("/api/enrichment/runs")));
        wireMock.verify(2, postRequestedFor(urlEqualTo("/api/analysis/runs")));
    }

    /** Notifications follow the end of a run; wait until both services heard {@code expected} times. */
    private void awaitRequests(int expected) {
        Eventually.until("both services notified " + expected + " times", Duration.ofSeconds(10),
                () -> count("/api/enrichment/runs") >= expected && count("/api/analysis/runs") >= expected);
    }

    private int count(String url) {
        return wireMock.countRequestsMatching(postRequestedFor(urlEqualTo(url)).build()).getCount();
    }

    @Test
    void aRunAlreadyActiveIsSuccessNotRetried() {
        wireMock.stubFor(post(urlEqualTo("/api/analysis/runs")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":409,\"title\":\"Conflict\"}")));
        assertThat(notifier.notifySonic()).isEqualTo(RunStarted.ALREADY_RUNNING);
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/analysis/runs")));
    }

    @Test
    void serverErrorsAreRetriedThenLoggedNotThrown() {
        wireMock.stubFor(post(urlEqualTo("/api/enrichment/runs")).willReturn(aResponse().withStatus(503)));
        assertThat(notifier.notifyEnrichment()).isNull();
        wireMock.verify(3, postRequestedFor(urlEqualTo("/api/enrichment/runs")));
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndStopsCalling() {
        wireMock.stubFor(post(urlEqualTo("/api/enrichment/runs")).willReturn(aResponse().withStatus(500)));
        notifier.notifyEnrichment();
        notifier.notifyEnrichment();
        int afterTwo = wireMock.countRequestsMatching(postRequestedFor(urlEqualTo("/api/enrichment/runs")).build()).getCount();
        notifier.notifyEnrichment();
        int afterThree = wireMock.countRequestsMatching(postRequestedFor(urlEqualTo("/api/enrichment/runs")).build()).getCount();
        assertThat(afterThree).as("breaker open: no more requests").isEqualTo(afterTwo);
    }
}
