package dev.segue.schema.sonic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code sonic_segments.features} holds for one {@code analyzer_version}: the feature names in vector
 * order. The one definition of the vector contract between sonic-service, which writes the vectors, and
 * playlist-service, which reads them by position. A layout is never changed once released; new features are
 * a new analyzer version with a new layout. Units and definitions: docs/sonic.md.
 */
public final class SonicLayout {

    /** Analyzer version 1: 44 frame statistics per segment. */
    public static final SonicLayout V1 = new SonicLayout(1, List.of(
            "loudness_db", "dynamic_range_db",
            "centroid_mean_hz", "centroid_std_hz", "rolloff_mean_hz", "rolloff_std_hz",
            "flatness_mean", "flatness_std", "bandwidth_mean_hz", "bandwidth_std_hz",
            "flux_mean", "flux_std", "zcr",
            "mfcc_1", "mfcc_2", "mfcc_3", "mfcc_4", "mfcc_5", "mfcc_6", "mfcc_7",
            "mfcc_8", "mfcc_9", "mfcc_10", "mfcc_11", "mfcc_12", "mfcc_13",
            "chroma_c", "chroma_c_sharp", "chroma_d", "chroma_d_sharp", "chroma_e", "chroma_f",
            "chroma_f_sharp", "chroma_g", "chroma_g_sharp", "chroma_a", "chroma_a_sharp", "chroma_b",
            "tempo_bpm", "tempo_confidence", "key", "mode", "key_confidence", "onset_rate"));

    /**
     * Analyzer version 2: version 1's 44 features at their positions (a reader of those positions reads version 2
     * unchanged), then 49 texture features chosen on the development corpus (docs/sonic.md): the spread and the
     * frame-to-frame change of each MFCC, octave-band spectral contrast (mean, std) and valley, crest factor and
     * low-energy ratio.
     */
    public static final SonicLayout V2 = new SonicLayout(2, concat(V1.names,
            numbered("mfcc_std_", 13), numbered("mfcc_delta_", 13),
            numbered("contrast_", 7), numbered("contrast_std_", 7), numbered("valley_db_", 7),
            List.of("crest_db", "low_energy_ratio")));

    private static final List<SonicLayout> RELEASED = List.of(V1, V2);

    private final int analyzerVersion;
    private final List<String> names;
    private final Map<String, Integer> positions = new HashMap<>();

    private SonicLayout(int analyzerVersion, List<String> names) {
        this.analyzerVersion = analyzerVersion;
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            if (positions.put(names.get(i), i) != null) {
                throw new IllegalStateException("Layout " + analyzerVersion + " names " + names.get(i) + " twice");
            }
        }
    }

    private static List<String> numbered(String prefix, int count) {
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }

    /** Every released layout, oldest first. */
    public static List<SonicLayout> released() {
        return RELEASED;
    }

    /** The layout of an analyzer version, or empty for a version this build does not know. */
    public static Optional<SonicLayout> of(int analyzerVersion) {
        return RELEASED.stream().filter(l -> l.analyzerVersion == analyzerVersion).findFirst();
    }

    /** The newest released layout: the one sonic-service writes. */
    public static SonicLayout latest() {
        return RELEASED.getLast();
    }

    public int analyzerVersion() {
        return analyzerVersion;
    }

    /** Values per segment vector. */
    public int size() {
        return names.size();
    }

    /** Feature names in vector order. */
    public List<String> names() {
        return names;
    }

    public boolean has(String name) {
        return positions.containsKey(name);
    }

    /** The vector position of a feature; a name outside the layout is a programming error. */
    public int position(String name) {
        Integer p = positions.get(name);
        if (p == null) {
            throw new IllegalArgumentException("Analyzer version " + analyzerVersion + " has no feature " + name);
        }
        return p;
    }

    /**
     * The first position of {@code count} consecutive features named {@code prefix + "1"} .. {@code prefix + count}
     * (e.g. {@code mfcc_1} .. {@code mfcc_13}).
     */
    public int run(String prefix, int count) {
        int first = position(prefix + 1);
        for (int i = 1; i < count; i++) {
            if (position(prefix + (i + 1)) != first + i) {
                throw new IllegalArgumentException(prefix + (i + 1) + " does not follow " + prefix + i);
            }
        }
        return first;
    }

    @Override
    public String toString() {
        return "SonicLayout v" + analyzerVersion + " (" + names.size() + " features)";
    }
}
