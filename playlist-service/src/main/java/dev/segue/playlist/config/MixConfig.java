package dev.segue.playlist.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code segue.mixes.*}: how mixes renew; every key has an environment override ({@code SEGUE_MIXES_POLL_INTERVAL}, …). */
@ConfigMapping(prefix = "segue.mixes")
public interface MixConfig {

    /** How often the scheduler looks for due mixes ({@code off} to disable, e.g. on all replicas but some). */
    @WithDefault("30s")
    String pollInterval();

    /** Share of an edition's tracks that were not in the previous edition, when a mix gives none. */
    @WithDefault("0.5")
    double freshShare();

    /** Editions kept per mix, when a mix gives none; older ones are deleted with their playlists. */
    @WithDefault("5")
    int keepEditions();

    /** Seeds a rule source ({@code addedWithinDays}, {@code playlist}) draws for each edition. */
    @WithDefault("3")
    int ruleSeeds();

    /**
     * How long a run's claim on a mix holds: a replica that dies mid-run leaves the claim behind, and the mix
     * is renewed again once it is this old. Longer than the slowest run (each push is bounded by 60 s).
     */
    @WithDefault("PT15M")
    Duration runLease();

    /** Time zone of cron schedules; the service's when absent. */
    Optional<String> timeZone();
}
