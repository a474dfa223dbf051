package dev.segue.sonic.features;

import dev.segue.schema.sonic.SonicLayout;
import java.util.List;

/**
 * The positions the extractor writes, taken by name from the contract with playlist-service
 * ({@link SonicLayout}, in {@code schema}) for the analyzer version this build writes.
 */
public final class FeatureLayout {

    public static final SonicLayout LAYOUT = SonicLayout.V2;
    public static final int ANALYZER_VERSION = LAYOUT.analyzerVersion();

    public static final int LOUDNESS_DB = LAYOUT.position("loudness_db");
    public static final int DYNAMIC_RANGE_DB = LAYOUT.position("dynamic_range_db");
    public static final int CENTROID_MEAN = LAYOUT.position("centroid_mean_hz");
    public static final int CENTROID_STD = LAYOUT.position("centroid_std_hz");
    public static final int ROLLOFF_MEAN = LAYOUT.position("rolloff_mean_hz");
    public static final int ROLLOFF_STD = LAYOUT.position("rolloff_std_hz");
    public static final int FLATNESS_MEAN = LAYOUT.position("flatness_mean");
    public static final int FLATNESS_STD = LAYOUT.position("flatness_std");
    public static final int BANDWIDTH_MEAN = LAYOUT.position("bandwidth_mean_hz");
    public static final int BANDWIDTH_STD = LAYOUT.position("bandwidth_std_hz");
    public static final int FLUX_MEAN = LAYOUT.position("flux_mean");
    public static final int FLUX_STD = LAYOUT.position("flux_std");
    public static final int ZCR = LAYOUT.position("zcr");
    public static final int MFCC_COUNT = 13;
    public static final int MFCC = LAYOUT.run("mfcc_", MFCC_COUNT);
    public static final int CHROMA = LAYOUT.position("chroma_c");
    public static final int TEMPO_BPM = LAYOUT.position("tempo_bpm");
    public static final int TEMPO_CONFIDENCE = LAYOUT.position("tempo_confidence");
    public static final int KEY = LAYOUT.position("key");
    public static final int MODE = LAYOUT.position("mode");
    public static final int KEY_CONFIDENCE = LAYOUT.position("key_confidence");
    public static final int ONSET_RATE = LAYOUT.position("onset_rate");
    public static final int MFCC_STD = LAYOUT.run("mfcc_std_", MFCC_COUNT);
    public static final int MFCC_DELTA = LAYOUT.run("mfcc_delta_", MFCC_COUNT);
    public static final int CONTRAST = LAYOUT.run("contrast_", Texture.CONTRAST_BANDS);
    public static final int CONTRAST_STD = LAYOUT.run("contrast_std_", Texture.CONTRAST_BANDS);
    public static final int VALLEY = LAYOUT.run("valley_db_", Texture.CONTRAST_BANDS);
    public static final int CREST_DB = LAYOUT.position("crest_db");
    public static final int LOW_ENERGY = LAYOUT.position("low_energy_ratio");
    public static final int SIZE = LAYOUT.size();

    public static final float SILENCE_FLOOR_DB = -100f;

    /** Feature names in vector order, as the REST API reports them. */
    public static final List<String> NAMES = LAYOUT.names();

    public static final List<String> KEY_NAMES =
            List.of("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B");

    private FeatureLayout() {
    }
}
