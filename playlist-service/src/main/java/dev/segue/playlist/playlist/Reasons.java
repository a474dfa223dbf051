package dev.segue.playlist.playlist;

import dev.segue.playlist.index.FeatureNames;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.Segment;
import dev.segue.playlist.index.TrackInfo;
import dev.segue.playlist.similarity.GenreVectors;
import dev.segue.playlist.similarity.SonicMetric;
import dev.segue.playlist.similarity.SonicVectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why each track of a playlist is where it is, in plain words, from what the index already knows: album and
 * artist shared with a seed, genres in common, which sound features are close to the seeds', and how the
 * previous track's end meets this one's beginning (energy, tempo, key). Pure: no database, no service.
 */
public final class Reasons {

    /** |Δz| below which a feature counts as "similar" to the seeds'. */
    static final double CLOSE_Z = 0.35;
    /** Mean z of loudness and busyness at or below which a segment is calm, at or above which it is energetic. */
    static final double ENERGY_LEVEL = 0.5;
    /** Tempo difference (octave-folded) below which the tempo "carries over", and above which it changes. */
    static final double SAME_TEMPO = 0.04;
    static final double TEMPO_CHANGE = 0.12;
    /** Confidence below which a tempo or key estimate is not worth a sentence. */
    static final double CONFIDENT = 0.3;
    private static final String[] LEGIBLE = {"loudness_db", "centroid_mean_hz", "onset_rate", "flatness_mean",
        "dynamic_range_db"};

    private final LibraryIndex index;
    private final GenreCatalog genres;

    public Reasons(LibraryIndex index, GenreCatalog genres) {
        this.index = index;
        this.genres = genres;
    }

    /**
     * @param rows  index rows in playlist order, -1 for a track no longer in the index
     * @param seeds for each position, whether it is a seed (or an end of a path)
     * @return for each position its reasons, first the relation to the seeds, then the transition from the previous track
     */
    public List<List<String>> explain(List<Integer> rows, List<Boolean> seeds) {
        List<Integer> seedRows = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (seeds.get(i) && rows.get(i) >= 0) {
                seedRows.add(rows.get(i));
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int row = rows.get(i);
            List<String> reasons = new ArrayList<>();
            if (row < 0) {
                reasons.add("no longer in the library");
            } else if (seeds.get(i)) {
                reasons.add("a seed you chose");
            } else {
                toSeeds(row, seedRows, reasons);
            }
            if (i > 0 && row >= 0 && rows.get(i - 1) >= 0) {
                transition(rows.get(i - 1), row, reasons);
            }
            out.add(List.copyOf(reasons));
        }
        return out;
    }

    private void toSeeds(int row, List<Integer> seedRows, List<String> reasons) {
        TrackInfo track = index.track(row);
        TrackInfo sameAlbum = seedRows.stream().map(index::track)
                .filter(s -> s.albumId() != null && s.albumId().equals(track.albumId())).findFirst().orElse(null);
        if (sameAlbum != null) {
            reasons.add("same album as the seed" + (seedRows.size() > 1 ? " “" + sameAlbum.title() + "”" : "")
                    + (track.album() == null ? "" : " (" + track.album() + ")"));
        } else {
            seedRows.stream().map(index::track).filter(s -> track.artistKnown() && s.artistId() == track.artistId()).findFirst()
                    .ifPresent(s -> reasons.add("same artist as the seed" + (seedRows.size() > 1 ? " “" + s.title() + "”" : "")));
        }
        sharedGenres(row, seedRows).ifPresent(reasons::add);
        if (!index.hasSonic(row)) {
            reasons.add("not analysed yet: chosen by its genres");
        } else {
            soundsLike(row, seedRows).ifPresent(reasons::add);
        }
    }

    private Optional<String> sharedGenres(int row, List<Integer> seedRows) {
        GenreVectors gv = index.genres();
        List<Long> shared = new ArrayList<>();
        for (int seed : seedRows) {
            for (long g : gv.shared(row, seed)) {
                if (!shared.contains(g)) {
                    shared.add(g);
                }
            }
        }
        // "indie rock" says more than "rock", which both inherit from it
        List<Long> specific = shared.stream().filter(g -> shared.stream().noneMatch(o -> genres.isAncestor(g, o))).limit(3).toList();
        if (specific.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("shares " + words(specific.stream().map(genres::name).toList()) + " with the seed"
                + (seedRows.size() > 1 ? "s" : ""));
    }

    private Optional<String> soundsLike(int row, List<Integer> seedRows) {
        SonicVectors sv = index.sonic();
        List<Integer> analysed = seedRows.stream().filter(sv::has).toList();
        if (analysed.isEmpty()) {
            return Optional.empty();
        }
        record Close(String name, double delta) {
        }
        List<Close> close = new ArrayList<>();
        for (String feature : LEGIBLE) {
            if (!sv.varies(feature)) {
                continue;
            }
            double seedZ = analysed.stream().mapToDouble(s -> sv.zScore(s, Segment.AVERAGE, feature)).average().orElse(Double.NaN);
            double delta = Math.abs(sv.zScore(row, Segment.AVERAGE, feature) - seedZ);
            if (delta < CLOSE_Z) {
                close.add(new Close(FeatureNames.name(feature), delta));
            }
        }
        double tempo = sv.tempoBpm(row, Segment.AVERAGE);
        double seedTempo = sv.tempoBpm(analysed.get(0), Segment.AVERAGE);
        if (!Double.isNaN(tempo) && !Double.isNaN(seedTempo) && foldedTempoDifference(tempo, seedTempo) < SAME_TEMPO) {
            close.add(new Close("tempo", 0));
        }
        if (close.isEmpty()) {
            return Optional.empty();
        }
        close.sort(Comparator.comparingDouble(Close::delta));
        return Optional.of("sounds like the seed: similar "
                + words(close.stream().limit(3).map(Close::name).toList()));
    }

    private void transition(int previous, int row, List<String> reasons) {
        SonicVectors sv = index.sonic();
        if (!sv.has(previous) || !sv.has(row)) {
            return;
        }
        double end = energy(sv, previous, Segment.END);
        double start = energy(sv, row, Segment.BEGINNING);
        String energy = energyPhrase(level(end), level(start), Math.abs(end - start));
        if (energy != null) {
            reasons.add(energy);
        }
        tempoPhrase(sv.tempoBpm(previous, Segment.END), sv.tempoConfidence(previous, Segment.END),
                sv.tempoBpm(row, Segment.BEGINNING), sv.tempoConfidence(row, Segment.BEGINNING)).ifPresent(reasons::add);
        if (sv.keyConfidence(previous, Segment.END) >= CONFIDENT && sv.keyConfidence(row, Segment.BEGINNING) >= CONFIDENT) {
            keyPhrase(sv.keyTonic(previous, Segment.END), sv.major(previous, Segment.END),
                    sv.keyTonic(row, Segment.BEGINNING), sv.major(row, Segment.BEGINNING)).ifPresent(reasons::add);
        }
    }

    /** How much is going on: the mean z-score of loudness and onset rate (busyness). */
    static double energy(SonicVectors sv, int row, Segment segment) {
        return (sv.zScore(row, segment, "loudness_db") + sv.zScore(row, segment, "onset_rate")) / 2;
    }

    /** -1 calm, 0 moderate, 1 energetic. */
    static int level(double energy) {
        return energy <= -ENERGY_LEVEL ? -1 : energy >= ENERGY_LEVEL ? 1 : 0;
    }

    static String energyPhrase(int end, int start, double difference) {
        return switch (end * 3 + start) {
            case -4 -> "calm ending leads into a soft start";
            case -3 -> "builds from a calm ending";
            case -2 -> "lifts the energy after a calm ending";
            case -1 -> "eases into a softer start";
            case 0 -> difference < 0.3 ? "the energy holds steady across the change" : null;
            case 1 -> "picks up with a livelier start";
            case 2 -> "a soft start after an energetic ending";
            case 3 -> "eases off after an energetic ending";
            case 4 -> "energetic ending runs into a driving start";
            default -> null;
        };
    }

    static Optional<String> tempoPhrase(double endBpm, double endConfidence, double startBpm, double startConfidence) {
        if (Double.isNaN(endBpm) || Double.isNaN(startBpm) || endConfidence < CONFIDENT || startConfidence < CONFIDENT) {
            return Optional.empty();
        }
        double folded = foldedTempoDifference(endBpm, startBpm);
        double plain = Math.abs(endBpm - startBpm) / Math.max(endBpm, startBpm);
        if (folded < SAME_TEMPO) {
            if (plain < SAME_TEMPO) {
                return Optional.of("the tempo carries over (≈ " + Math.round(startBpm) + " BPM)");
            }
            return Optional.of("the beat carries over at " + (startBpm > endBpm ? "double" : "half") + " time ("
                    + Math.round(endBpm) + " → " + Math.round(startBpm) + " BPM)");
        }
        if (folded > TEMPO_CHANGE) {
            return Optional.of("the tempo changes from " + Math.round(endBpm) + " to " + Math.round(startBpm) + " BPM");
        }
        return Optional.empty();
    }

    static Optional<String> keyPhrase(int endTonic, boolean endMajor, int startTonic, boolean startMajor) {
        String from = FeatureNames.key(endTonic, endMajor);
        String to = FeatureNames.key(startTonic, startMajor);
        if (endTonic == startTonic && endMajor == startMajor) {
            return Optional.of("stays in " + to);
        }
        int a = SonicMetric.fifthsPosition(endTonic, endMajor);
        int b = SonicMetric.fifthsPosition(startTonic, startMajor);
        int steps = Math.min(Math.abs(a - b), 12 - Math.abs(a - b));
        if (steps == 0) {
            return Optional.of("moves to the relative " + (startMajor ? "major" : "minor") + " (" + from + " → " + to + ")");
        }
        if (steps == 1 && endMajor == startMajor) {
            return Optional.of("moves to a neighbouring key (" + from + " → " + to + ")");
        }
        if (steps >= 4) {
            return Optional.of("a distant key change (" + from + " → " + to + ")");
        }
        return Optional.empty();
    }

    /** Relative tempo difference after folding octaves: 120 vs 60 BPM is 0, 120 vs 126 is 0.05. */
    static double foldedTempoDifference(double a, double b) {
        double octaves = Math.abs(Math.log(a / b) / Math.log(2));
        double fold = octaves - Math.floor(octaves);
        return Math.pow(2, Math.min(fold, 1 - fold)) - 1;
    }

    private static String words(List<String> items) {
        List<String> distinct = items.stream().filter(Objects::nonNull).distinct().toList();
        if (distinct.size() <= 1) {
            return String.join("", distinct);
        }
        return String.join(", ", distinct.subList(0, distinct.size() - 1)) + " and " + distinct.get(distinct.size() - 1);
    }
}
