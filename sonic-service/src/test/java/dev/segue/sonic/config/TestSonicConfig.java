package dev.segue.sonic.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;

/** A {@link SonicConfig} without Quarkus: the defaults, overridden by key/value pairs. */
public final class TestSonicConfig {

    private TestSonicConfig() {
    }

    public static SonicConfig of(String... keyValues) {
        // Quarkus's converter, so that defaults such as "30s" read as they do in the service
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(SonicConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter());
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.withDefaultValue(keyValues[i], keyValues[i + 1]);
        }
        return builder.build().getConfigMapping(SonicConfig.class);
    }
}
