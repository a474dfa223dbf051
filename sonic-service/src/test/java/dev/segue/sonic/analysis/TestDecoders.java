package dev.segue.sonic.analysis;

import dev.segue.sonic.config.SonicConfig;

/** Builds the service's {@link DecoderRegistry} for tests outside its package. */
public final class TestDecoders {

    private TestDecoders() {
    }

    public static DecoderRegistry registry(SonicConfig config) {
        return new DecoderRegistry(config);
    }
}
