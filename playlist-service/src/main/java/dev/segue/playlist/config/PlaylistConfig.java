package dev.segue.playlist.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** playlist-service configuration, {@code segue.playlist.*}; every key has an environment override. */
@ConfigMapping(prefix = "segue.playlist")
public interface PlaylistConfig {

    Weights weights();

    Defaults defaults();

    Index index();

    M3u m3u();

    Sonic sonic();

    Admission admission();

    /** Default weights of a playlist request that names none. */
    interface Weights {
        @WithDefault("0.6")
        double sonic();

        @WithDefault("0.4")
        double genre();
    }

    /** What a request gets for a field it leaves out. */
    interface Defaults {
        @WithDefault("25")
        int size();

        @WithDefault("4")
        int maxPerArtist();

        @WithDefault("1")
        int artistGap();

        @WithDefault("0")
        int albumGap();

        /** Shorter tracks (jingles, sound effects) are left out unless a request asks for them; a seed always counts. */
        @WithDefault("30")
        int minTrackSeconds();

        @WithDefault("20")
        int similarLimit();

        @WithDefault("12")
        int pathSize();
    }

    interface Index {
        /** How often the index polls the database for changes ({@code off} to disable). */
        @WithDefault("30s")
        String refreshInterval();

        /**
         * How far back each poll re-reads: a row's timestamp is its transaction's start, which can commit
         * after a poll has already moved past it.
         */
        @WithDefault("PT2M")
        Duration overlap();
    }

    interface Sonic {
        /**
         * How long a playlist request waits for sonic-service to analyse an unanalysed seed before building
         * from genres; application.properties hands it to {@code SeedAnalysis.analyse}'s {@code @Timeout}.
         */
        @WithDefault("20000")
        long analyzeTimeoutMs();
    }

    /**
     * How many playlist and neighbour-list computations run at once and how many may wait (docs/playlist.md,
     * "Admission"); a request beyond both is answered 503 with Retry-After.
     */
    interface Admission {
        /** Computations at once; without a value, the number of cores the JVM sees (each one keeps a core busy). */
        OptionalInt maxConcurrent();

        /** Computations that may wait for a slot; one more is refused at once. */
        @WithDefault("64")
        int queue();

        /** How long a waiting computation waits for a slot before it is refused. */
        @WithDefault("2s")
        Duration maxWait();

        /** What the 503 tells the client to wait before it tries again. */
        @WithDefault("1")
        int retryAfterSeconds();
    }

    interface M3u {
        /**
         * Path prefix rewrites for players that mount the library elsewhere, each {@code from=to}
         * (the first {@code =} separates them); the longest matching prefix wins.
         */
        Optional<List<String>> pathRewrites();
    }
}
