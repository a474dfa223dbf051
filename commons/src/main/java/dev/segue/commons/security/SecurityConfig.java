package dev.segue.commons.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Access control shared by every service, {@code segue.security.*}. */
@ConfigMapping(prefix = "segue.security")
public interface SecurityConfig {

    /** When set (env {@code SEGUE_API_KEY}), mutating {@code /api} requests must present it. */
    Optional<String> apiKey();

    /** Also require the key for reads of {@code /api}; health, metrics and OpenAPI stay open. */
    @WithDefault("false")
    boolean protectReads();
}
