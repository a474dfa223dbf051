package dev.segue.sonic.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** sonic-service configuration, {@code segue.sonic.*}; every key has an environment override. */
@ConfigMapping(prefix = "segue.sonic")
public interface SonicConfig {

    /** Analysis worker threads; defaults to the number of cores. */
    OptionalInt workers();

    /**
     * Nice value (0–19) of the worker threads and the decoders they start, so that analysis, which keeps
     * every core busy, yields to API requests on the same host. 0 keeps normal priority.
     */
    @WithDefault("10")
    int workerNiceness();

    /** Which decoder to use: auto (ffmpeg when on the PATH, else the pure-Java decoders), ffmpeg or java. */
    @WithDefault("auto")
    DecoderChoice decoder();

    /** ffmpeg executable (name looked up on the PATH, or an absolute path). */
    @WithDefault("ffmpeg")
    String ffmpegPath();

    /** ffprobe executable, used only when the library does not know a track's duration. */
    @WithDefault("ffprobe")
    String ffprobePath();

    /** Length of each of the beginning, middle and end segments. */
    @WithDefault("30s")
    Duration segmentLength();

    /**
     * How far into the start and end of a track leading/trailing silence is searched for and skipped
     * (a longer silence costs a second decode that searches 2 min); each second here is decoded twice
     * more per track.
     */
    @WithDefault("5s")
    Duration silenceSearch();

    /** A track whose audible part is shorter than this is analysed as a whole (no segments to speak of). */
    @WithDefault("1s")
    Duration minimumAudio();

    /** Longer tracks are recorded as failed with a reason instead of being decoded. */
    @WithDefault("4h")
    Duration maxTrackDuration();

    /** Wall-clock limit for decoding one track; a decoder that exceeds it is killed. */
    @WithDefault("60s")
    Duration fileTimeout();

    /**
     * How long a claimed track stays reserved without its replica renewing it (every third of this, while
     * the replica lives): a killed replica's tracks return to the queue after this.
     */
    @WithDefault("2m")
    Duration lease();

    /** Tracks claimed per database round trip, and decoded by one ffmpeg process (amortises its start-up). */
    @WithDefault("8")
    int claimBatch();

    /** Directory for the decoder's temporary PCM files; defaults to the JVM temp directory. */
    Optional<String> tempDir();

    /**
     * How often each replica looks for an active run to help with, and starts a "pending" run when
     * tracks wait without one (a lost notification costs at most this delay). 0 disables automatic
     * runs; idle workers then look every 30 s.
     */
    @WithDefault("30s")
    Duration pollInterval();

    /** Start a "pending" run automatically when tracks wait for analysis and no run is active. */
    @WithDefault("true")
    boolean autoRun();

    enum DecoderChoice {
        AUTO, FFMPEG, JAVA
    }
}
