package dev.segue.playlist.playlist;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A playlist request with every default applied.
 *
 * @param size            tracks wanted, seeds included; 0 when {@code targetSeconds} is set
 * @param targetSeconds   wanted playing time; 0 when {@code size} is set
 * @param maxPerArtist    most tracks by one artist, seeds included
 * @param artistGap       at least this many other tracks between two by the same artist (0 = no rule)
 * @param albumGap        the same for albums
 * @param minTrackSeconds null = no lower bound; a track of unknown length fails any bound
 * @param bpmWindow       null = any tempo; else within ± this many BPM of the seed, octave-folded
 * @param partialAllowed  true to return fewer tracks than asked instead of refusing (neighbour lists)
 * @param includeUnanalysed false to leave tracks without a sonic analysis out when sound takes part
 */
public record Constraints(int size, int targetSeconds, int maxPerArtist, int artistGap, int albumGap,
                          Integer minTrackSeconds, Integer maxTrackSeconds, Double bpmWindow,
                          Set<Long> excludeTrackIds, Ordering ordering,
                          boolean partialAllowed, boolean includeUnanalysed) {

    /** A best-first neighbour list of up to {@code size} tracks, seeds included, with no other rule. */
    public static Constraints neighbours(int size) {
        return new Constraints(size, 0, Integer.MAX_VALUE, 0, 0, null, null, null, Set.of(), Ordering.SCORE, true, true);
    }

    /** The constraints that narrow the choice, as a person would read them in an error message. */
    String describeFilters() {
        List<String> parts = new ArrayList<>();
        parts.add("maxPerArtist=" + maxPerArtist);
        if (minTrackSeconds != null) {
            parts.add("minTrackSeconds=" + minTrackSeconds);
        }
        if (maxTrackSeconds != null) {
            parts.add("maxTrackSeconds=" + maxTrackSeconds);
        }
        if (bpmWindow != null) {
            parts.add("bpmWindow=" + bpmWindow);
        }
        if (!excludeTrackIds.isEmpty()) {
            parts.add(excludeTrackIds.size() + " excluded tracks");
        }
        return String.join(", ", parts);
    }
}
