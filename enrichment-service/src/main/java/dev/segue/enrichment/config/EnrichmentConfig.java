package dev.segue.enrichment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** enrichment-service configuration, {@code segue.enrichment.*}; every key has an environment override. */
@ConfigMapping(prefix = "segue.enrichment")
public interface EnrichmentConfig {

    LastFm lastfm();

    MusicBrainz musicbrainz();

    Genres genres();

    Refresh refresh();

    Work work();

    interface LastFm {
        /** Without a key the Last.fm source is disabled (and reported so); MusicBrainz still runs. */
        Optional<String> apiKey();

        /** Requests per second; Last.fm allows 5/s averaged over 5 minutes. */
        @WithDefault("5")
        double ratePerSecond();

        /** Let Last.fm correct misspelt artist/album/track names when looking up by name. */
        @WithDefault("true")
        boolean autocorrect();

        /** Longest Retry-After the client honours by pausing the source; longer ones are capped. */
        @WithDefault("PT2M")
        Duration maxRetryAfter();
    }

    interface MusicBrainz {
        /** Requests per second; MusicBrainz answers 503 to everything above 1/s per IP. */
        @WithDefault("1")
        double ratePerSecond();

        /**
         * Space requests from the previous answer rather than the previous send: strictly 1/s at the
         * server whatever the jitter, at the cost of the answer latency per call. MusicBrainz answers
         * 503 to everything above 1/s, so this is on by default.
         */
        @WithDefault("true")
        boolean spaceFromResponse();

        /**
         * Contact in the User-Agent (MusicBrainz throttles anonymous agents): a URL or an e-mail address. Empty (compose
         * passes an unset {@code MUSICBRAINZ_CONTACT} as "") means the project's page, rather than a service that
         * does not start.
         */
        Optional<String> contact();

        /** The contact to send: the configured one, or the project's page. */
        default String contactOrProjectPage() {
            return contact().map(String::strip).filter(c -> !c.isEmpty()).orElse("https://github.com/segue-music/segue");
        }

        /** Lowest search score (0-100) accepted when an artist has no MBID in its tags. */
        @WithDefault("90")
        int searchScoreThreshold();

        @WithDefault("PT2M")
        Duration maxRetryAfter();
    }

    interface Genres {
        /** Genres weighted below this (after normalising a source's weights to 0..1) are dropped. */
        @WithDefault("0.1")
        double minWeight();

        /** At most this many genres per entity and source. */
        @WithDefault("10")
        int topN();

        /** Keep nationality tags ("british", "japanese") as genres instead of ignoring them. */
        @WithDefault("false")
        boolean keepCountries();
    }

    interface Refresh {
        /** How often the scheduler looks for stale or due entities and starts a run; "off" disables it. */
        @WithDefault("6h")
        String every();

        /** Found genres older than this are fetched again. */
        @WithDefault("P90D")
        Duration ttl();

        /** A source that did not know an entity is asked again after this period. */
        @WithDefault("P30D")
        Duration notFoundRetryAfter();

        /** First back-off after a failed fetch; doubles with every attempt up to {@link #maxErrorBackoff()}. */
        @WithDefault("PT15M")
        Duration errorBackoff();

        @WithDefault("P7D")
        Duration maxErrorBackoff();
    }

    interface Work {
        /** Entities claimed per batch; claims are leases so a crashed worker's batch is picked up again. */
        @WithDefault("20")
        int batchSize();

        /** A live worker renews its leases every 2 s; a dead one's expire after this. */
        @WithDefault("PT30S")
        Duration claimLease();

        /** How long a source waits when its circuit breaker is open before trying again. */
        @WithDefault("PT30S")
        Duration breakerPause();

        /**
         * Attempts in a row that reach nothing (unknown host, connection refused, no route) before a source
         * counts as unreachable and a run stops asking it; 4 = one call and its 3 retries.
         */
        @WithDefault("4")
        int unreachableAfter();

        /** A running run whose heartbeat (every 2 s) is older than this was killed with its process. */
        @WithDefault("PT15S")
        Duration staleRunAfter();
    }
}
