package dev.segue.enrichment.client;

import dev.segue.enrichment.config.EnrichmentConfig;
import dev.segue.enrichment.genre.Source;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class SourceStatusTest {

    private static EnrichmentConfig config(String... keyValues) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(EnrichmentConfig.class);
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.withDefaultValue(keyValues[i], keyValues[i + 1]);
        }
        return builder.build().getConfigMapping(EnrichmentConfig.class);
    }

    @Test
    void withoutApiKeyLastFmIsDisabledAndSaysHowToFixItWhileMusicBrainzRuns() {
        SourceStatus status = new SourceStatus(config(), null, new SimpleMeterRegistry());

        assertThat(status.enabled(Source.LASTFM)).isFalse();
        assertThat(status.reason(Source.LASTFM)).contains("SEGUE_ENRICHMENT_LASTFM_API_KEY");
        assertThat(status.enabled(Source.MUSICBRAINZ)).isTrue();
    }

    @Test
    void withApiKeyBothRunUntilASourceRefusesUs() {
        SourceStatus status = new SourceStatus(config("segue.enrichment.lastfm.api-key", "k"), null, new SimpleMeterRegistry());
        assertThat(status.enabled(Source.LASTFM)).isTrue();

        status.disable(Source.LASTFM, "Last.fm refused the API key: error 26 Suspended API key");

        assertThat(status.enabled(Source.LASTFM)).isFalse();
        assertThat(status.reason(Source.LASTFM)).contains("error 26");
    }

    @Test
    void aSourceIsUnreachableAfterTheConfiguredAttemptsInARowAndReachableWithItsNextAnswer() {
        SourceStatus status = new SourceStatus(config("segue.enrichment.work.unreachable-after", "3"), null, new SimpleMeterRegistry());

        assertThat(status.connectionFailed(Source.MUSICBRAINZ, "UnknownHostException: musicbrainz.org")).isFalse();
        assertThat(status.connectionFailed(Source.MUSICBRAINZ, "UnknownHostException: musicbrainz.org")).isFalse();
        assertThat(status.unreachable(Source.MUSICBRAINZ)).isEmpty();
        assertThat(status.connectionFailed(Source.MUSICBRAINZ, "ConnectException: Network is unreachable")).isTrue();

        Unreachable unreachable = status.unreachable(Source.MUSICBRAINZ).orElseThrow();
        assertThat(unreachable.cause()).isEqualTo("ConnectException: Network is unreachable");
        assertThat(unreachable.attempts()).isEqualTo(3);
        assertThat(unreachable.describe()).contains("3 attempts in a row since " + unreachable.since());
        assertThat(status.unreachable(Source.LASTFM)).isEmpty();
        assertThat(status.enabled(Source.MUSICBRAINZ)).as("unreachable is not disabled: the next run asks again").isTrue();

        status.answered(Source.MUSICBRAINZ);
        assertThat(status.unreachable(Source.MUSICBRAINZ)).isEmpty();
        assertThat(status.connectionFailed(Source.MUSICBRAINZ, "UnknownHostException: musicbrainz.org")).as("a new streak").isFalse();
    }

    @Test
    void onlyFailuresToConnectAtAllMeanUnreachable() {
        assertThat(Unreachable.cause(new RuntimeException("wrapped", new java.net.UnknownHostException("musicbrainz.org"))))
                .contains("UnknownHostException: musicbrainz.org");
        assertThat(Unreachable.cause(new java.net.ConnectException("Connection refused") { })).contains("ConnectException: Connection refused");
        assertThat(Unreachable.cause(new RuntimeException(new java.net.SocketTimeoutException("Read timed out")))).isEmpty();
        assertThat(Unreachable.cause(new IllegalStateException("HTTP 503"))).isEmpty();
    }
}
