package dev.segue.playlist.index;

import java.util.HashMap;
import java.util.Map;

/**
 * Words for the features of a sonic vector, by layout name: what a listener would call each one, and what
 * its low and high ends sound like. Reasons and the map's axes speak in these words; a feature of a newer
 * layout without words here is called by its name ("spectral contrast 3": lower / higher).
 */
public final class FeatureNames {

    private static final Map<String, String[]> WORDS = new HashMap<>();
    private static final String[] PITCH = {"C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"};
    private static final String[] CHROMA = {"c", "c_sharp", "d", "d_sharp", "e", "f", "f_sharp", "g", "g_sharp", "a",
        "a_sharp", "b"};

    static {
        set("loudness_db", "loudness", "quieter", "louder");
        set("dynamic_range_db", "dynamic range", "more compressed", "more dynamic");
        set("centroid_mean_hz", "brightness", "darker", "brighter");
        set("centroid_std_hz", "brightness variation", "even in tone", "shifting in tone");
        set("rolloff_mean_hz", "treble", "less treble", "more treble");
        set("rolloff_std_hz", "treble variation", "steady treble", "varying treble");
        set("flatness_mean", "noisiness", "more tonal", "noisier");
        set("flatness_std", "noisiness variation", "steady texture", "varying texture");
        set("bandwidth_mean_hz", "spectral width", "narrower sound", "fuller sound");
        set("bandwidth_std_hz", "width variation", "steady width", "varying width");
        set("flux_mean", "spectral change", "smoother", "more changing");
        set("flux_std", "change variation", "even motion", "uneven motion");
        set("zcr", "zero-crossing rate", "softer edges", "sharper edges");
        for (int i = 0; i < Features.MFCC_COUNT; i++) {
            set("mfcc_" + (i + 1), "timbre " + (i + 1) + " (MFCC)", "timbre " + (i + 1) + " low", "timbre " + (i + 1) + " high");
        }
        for (int i = 0; i < CHROMA.length; i++) {
            set("chroma_" + CHROMA[i], "chroma " + PITCH[i], "less " + PITCH[i], "more " + PITCH[i]);
        }
        set("tempo_bpm", "tempo", "slower", "faster");
        set("tempo_confidence", "tempo confidence", "looser beat", "steadier beat");
        set("key", "key", "key", "key");
        set("mode", "mode", "minor", "major");
        set("key_confidence", "key confidence", "vaguer key", "clearer key");
        set("onset_rate", "busyness", "sparser", "busier");
    }

    private FeatureNames() {
    }

    private static void set(String feature, String name, String low, String high) {
        WORDS.put(feature, new String[] {name, low, high});
    }

    private static String[] words(String feature) {
        String[] w = WORDS.get(feature);
        if (w != null) {
            return w;
        }
        String plain = feature.replace('_', ' ');
        return new String[] {plain, "lower " + plain, "higher " + plain};
    }

    public static String name(String feature) {
        return words(feature)[0];
    }

    public static String low(String feature) {
        return words(feature)[1];
    }

    public static String high(String feature) {
        return words(feature)[2];
    }

    /** "A minor", "F♯ major". */
    public static String key(int tonic, boolean major) {
        return PITCH[Math.floorMod(tonic, 12)] + (major ? " major" : " minor");
    }
}
