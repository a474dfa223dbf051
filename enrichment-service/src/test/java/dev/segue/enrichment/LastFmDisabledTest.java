package dev.segue.enrichment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.segue.enrichment.client.MusicBrainzClient;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A revoked Last.fm key disables the source for good (own application instance, since that state is process-wide). */
@QuarkusTest
@TestProfile(LastFmDisabledTest.OwnInstance.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourcesStub.class, scope = TestResourceScope.GLOBAL)
class LastFmDisabledTest {

    /**
     * Gives this class its own application, so the disabled source does not leak into other tests; it also starts with
     * the MusicBrainz contact compose passes when {@code MUSICBRAINZ_CONTACT} is unset: an empty string.
     */
    public static class OwnInstance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("segue.enrichment.musicbrainz.contact", "");
        }
    }

    @Inject
    MusicBrainzClient musicBrainz;

    @Test
    void anEmptyMusicBrainzContactStartsTheServiceWithTheProjectPageAsContact() {
        assertThat(musicBrainz.userAgent()).matches("Segue/\\S+ \\( https://github.com/segue-music/segue \\)");
    }

    @Test
    void invalidKeyDisablesLastFmWithoutRetryingWhileMusicBrainzGoesOn() {
        String u = LibraryRows.unique();
        String first = "Keyless A " + u;
        LibraryRows.artist(first, null);
        LibraryRows.artist("Keyless B " + u, null);
        LibraryRows.artist("Keyless C " + u, null);
        SourcesStub.server().stubFor(EnrichmentRunTest.lastFm("artist.gettoptags").atPriority(1)
                .withQueryParam("artist", EnrichmentRunTest.containing("Keyless"))
                .willReturn(EnrichmentRunTest.json("error-10-invalid-key.json")));

        JsonPath run = EnrichmentRunTest.awaitRun(EnrichmentRunTest.startRun("{\"scope\":\"artists\"}"));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getString("progress.lastfm.state")).isEqualTo("disabled");
        assertThat(EnrichmentRunTest.count(EnrichmentRunTest.lastFmCalls().withQueryParam("artist", EnrichmentRunTest.containing(u))))
                .as("a refused key is not retried, nor tried on the next entity: %s", SourcesStub.server()
                        .findAll(EnrichmentRunTest.lastFmCalls()).stream().map(r -> r.getUrl() + " @" + r.getLoggedDate().getTime()).toList())
                .isEqualTo(1);
        assertThat(EnrichmentRunTest.count(WireMock.getRequestedFor(WireMock.urlPathEqualTo("/ws/2/artist"))
                .withQueryParam("query", EnrichmentRunTest.containing(u)))).isEqualTo(3);
        assertThat(EnrichmentRunTest.count(EnrichmentRunTest.lastFmCalls().withQueryParam("api_key", WireMock.equalTo(SourcesStub.API_KEY))))
                .isPositive();

        given().get("/api/enrichment/stats").then().statusCode(200)
                .body("sources.find { it.source == 'lastfm' }.enabled", equalTo(false))
                .body("sources.find { it.source == 'lastfm' }.reason", containsString("error 10"))
                .body("sources.find { it.source == 'musicbrainz' }.enabled", equalTo(true));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Enrichment sources' }.data.lastfm", containsString("disabled"));

        int calls = EnrichmentRunTest.count(EnrichmentRunTest.lastFmCalls());
        JsonPath next = EnrichmentRunTest.awaitRun(EnrichmentRunTest.startRun("{\"scope\":\"artists\"}"));
        assertThat(next.getString("progress.lastfm.state")).isEqualTo("disabled");
        assertThat(EnrichmentRunTest.count(EnrichmentRunTest.lastFmCalls())).isEqualTo(calls);
    }
}
