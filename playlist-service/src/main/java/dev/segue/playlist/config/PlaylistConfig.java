package dev.segue.playlist.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** playlist-service configuration, {@code segue.playlist.*}; every key has an environment override. */
@ConfigMapping(prefix = "segue.playlist")
public interface PlaylistConfig {

    Weights weights();

    /** Default weights of a playlist request that names none. */
    interface Weights {
        @WithDefault("0.6")
        double sonic();

        @WithDefault("0.4")
        double genre();
    }
}
