package dev.segue.playlist.index;

/**
 * Words for the features of a sonic vector ({@link Features}): what a listener would call each one, and what
 * its low and high ends sound like. Reasons and the map's axes speak in these words.
 */
public final class FeatureNames {

    private static final String[] NAME = new String[Features.DIMENSIONS];
    private static final String[] LOW = new String[Features.DIMENSIONS];
    private static final String[] HIGH = new String[Features.DIMENSIONS];
    private static final String[] PITCH = {"C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"};

    static {
        set(Features.LOUDNESS_DB, "loudness", "quieter", "louder");
        set(Features.DYNAMIC_RANGE_DB, "dynamic range", "more compressed", "more dynamic");
        set(Features.CENTROID_MEAN, "brightness", "darker", "brighter");
        set(Features.CENTROID_STD, "brightness variation", "even in tone", "shifting in tone");
        set(Features.ROLLOFF_MEAN, "treble", "less treble", "more treble");
        set(Features.ROLLOFF_STD, "treble variation", "steady treble", "varying treble");
        set(Features.FLATNESS_MEAN, "noisiness", "more tonal", "noisier");
        set(Features.FLATNESS_STD, "noisiness variation", "steady texture", "varying texture");
        set(Features.BANDWIDTH_MEAN, "spectral width", "narrower sound", "fuller sound");
        set(Features.BANDWIDTH_STD, "width variation", "steady width", "varying width");
        set(Features.FLUX_MEAN, "spectral change", "smoother", "more changing");
        set(Features.FLUX_STD, "change variation", "even motion", "uneven motion");
        set(Features.ZCR, "zero-crossing rate", "softer edges", "sharper edges");
        for (int i = 0; i < Features.MFCC_COUNT; i++) {
            set(Features.MFCC_FIRST + i, "timbre " + (i + 1) + " (MFCC)", "timbre " + (i + 1) + " low", "timbre " + (i + 1) + " high");
        }
        for (int i = 0; i < Features.CHROMA_COUNT; i++) {
            set(Features.CHROMA_FIRST + i, "chroma " + PITCH[i], "less " + PITCH[i], "more " + PITCH[i]);
        }
        set(Features.TEMPO_BPM, "tempo", "slower", "faster");
        set(Features.TEMPO_CONFIDENCE, "tempo confidence", "looser beat", "steadier beat");
        set(Features.KEY, "key", "key", "key");
        set(Features.MODE, "mode", "minor", "major");
        set(Features.KEY_CONFIDENCE, "key confidence", "vaguer key", "clearer key");
        set(Features.ONSET_RATE, "busyness", "sparser", "busier");
    }

    private FeatureNames() {
    }

    private static void set(int position, String name, String low, String high) {
        NAME[position] = name;
        LOW[position] = low;
        HIGH[position] = high;
    }

    public static String name(int position) {
        return NAME[position];
    }

    public static String low(int position) {
        return LOW[position];
    }

    public static String high(int position) {
        return HIGH[position];
    }

    /** "A minor", "F♯ major". */
    public static String key(int tonic, boolean major) {
        return PITCH[Math.floorMod(tonic, 12)] + (major ? " major" : " minor");
    }
}
