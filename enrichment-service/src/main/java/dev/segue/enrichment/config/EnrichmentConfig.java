package dev.segue.enrichment.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** enrichment-service configuration, {@code segue.enrichment.*}; every key has an environment override. */
@ConfigMapping(prefix = "segue.enrichment")
public interface EnrichmentConfig {

    LastFm lastfm();

    interface LastFm {
        /** Without a key the Last.fm source is disabled (and reported so); MusicBrainz still runs. */
        Optional<String> apiKey();
    }
}
