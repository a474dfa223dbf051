package dev.segue.enrichment.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.enrichment.config.EnrichmentConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

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
}
