package dev.segue.enrichment;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The Last.fm key travels in every request's query string, and some failures (a read timeout) describe
 * the request they were executing: what reaches the logs, the stored errors and the API must not carry it.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourcesStub.class, scope = TestResourceScope.GLOBAL)
class SecretsNotLeakedTest {

    @Inject
    CircuitBreakerMaintenance breakers;

    @Test
    void aTimedOutLastFmCallLeavesNoKeyInLogsErrorsOrEndpoints() {
        breakers.resetAll();
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        text.append(' ').append(parameter);
                    }
                }
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    text.append(' ').append(t);
                }
                logged.add(text.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            Logger.getLogger(SecretsNotLeakedTest.class.getName()).warning("capture works");
            String mbid = UUID.randomUUID().toString();
            long artist = LibraryRows.artist("Slow Answer " + LibraryRows.unique(), mbid);
            SourcesStub.server().stubFor(EnrichmentRunTest.lastFm("artist.gettoptags")
                    .withQueryParam("mbid", WireMock.equalTo(mbid))
                    .willReturn(EnrichmentRunTest.json("artist.getTopTags.json").withFixedDelay(2600)));
            SourcesStub.server().stubFor(get(urlPathEqualTo("/ws/2/artist/" + mbid))
                    .willReturn(EnrichmentRunTest.json("artist-lookup.json")));

            long run = EnrichmentRunTest.startRun("{\"scope\":\"artists\"}");
            String runJson = EnrichmentRunTest.awaitRun(run).prettify();

            assertThat(EnrichmentRunTest.state("artist", artist, "lastfm")).isEqualTo("error");
            String stored = (String) LibraryRows.value("SELECT last_error FROM enrichment_state"
                    + " WHERE entity_type = 'artist' AND entity_id = ? AND source = 'lastfm'", artist);
            assertThat(stored).as("the error still says what happened").isNotBlank().containsIgnoringCase("timeout");
            assertThat(stored).doesNotContain(SourcesStub.API_KEY);
            assertThat(runJson).doesNotContain(SourcesStub.API_KEY);
            assertThat(logged).as("log records").contains("capture works")
                    .noneSatisfy(line -> assertThat(line).contains(SourcesStub.API_KEY));
            for (String path : List.of("/api/enrichment/stats", "/q/health", "/q/openapi", "/q/metrics")) {
                assertThat(given().get(path).then().statusCode(200).extract().asString()).as(path)
                        .doesNotContain(SourcesStub.API_KEY);
            }
        } finally {
            root.removeHandler(capture);
        }
    }
}
