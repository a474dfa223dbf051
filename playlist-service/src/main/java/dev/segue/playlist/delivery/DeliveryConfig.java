package dev.segue.playlist.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code segue.delivery.*}: targets from the configuration ({@code segue.delivery.targets."plex".kind=plex}, …)
 * and how servers are read. Secrets are not configuration: each target's comes from the environment variable
 * {@code SEGUE_TARGET_<NAME>_SECRET}.
 */
@ConfigMapping(prefix = "segue.delivery")
public interface DeliveryConfig {

    Map<String, TargetConfig> targets();

    /** Tracks per catalogue page (Plex, Jellyfin, Subsonic). */
    @WithDefault("2000")
    int pageSize();

    /** Track ids per write request (Plex's {@code PUT /playlists/{id}/items}). */
    @WithDefault("100")
    int batchSize();

    /** Bound of one HTTP request to a server. */
    @WithDefault("10000")
    int requestTimeoutMs();

    interface TargetConfig {
        Kind kind();

        Optional<String> url();

        Optional<String> directory();

        Optional<String> section();

        Optional<String> user();

        Optional<List<String>> pathMappings();
    }
}
