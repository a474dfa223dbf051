package dev.segue.sonic.config;

import io.smallrye.config.ConfigMapping;
import java.util.OptionalInt;

/** sonic-service configuration, {@code segue.sonic.*}; every key has an environment override. */
@ConfigMapping(prefix = "segue.sonic")
public interface SonicConfig {

    /** Analysis worker threads; defaults to the number of cores. */
    OptionalInt workers();
}
