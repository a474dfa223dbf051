package dev.segue.playlist.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.playlist.index.Features;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.Segment;
import dev.segue.playlist.index.TestLibrary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReasonsTest {

    private static final GenreCatalog GENRES = new GenreCatalog(Map.of(1L, "indie rock", 2L, "rock", 3L, "jazz"), Map.of(1L, 2L));

    /** Loud, busy tracks (1-4) and quiet, sparse ones (5-8); onset rate set in every segment. */
    private static float[] sound(double loudness, double tempo, double onsets) {
        float[] v = TestLibrary.sound(loudness, 2000, tempo);
        for (Segment s : Segment.values()) {
            TestLibrary.set(v, s, Features.ONSET_RATE, onsets);
        }
        return v;
    }

    private static LibraryIndex library() {
        TestLibrary lib = new TestLibrary();
        lib.track(1, "A", "Seed", 100L, 200, sound(-6, 120, 4)).genres(1, 1, 1);
        lib.track(2, "A", "Same album", 100L, 200, sound(-6.2, 118, 4)).genres(2, 1, 1);
        lib.track(3, "A", "Same artist", 101L, 200, sound(-7, 122, 4.2)).genres(3, 3, 1);
        lib.track(4, "B", "Same genre", 102L, 200, sound(-8, 100, 3.8)).genres(4, 1, 0.8);
        lib.track(5, "C", "Quiet one", 103L, 200, sound(-30, 60, 0.5));
        lib.track(6, "D", "Quiet two", 104L, 200, sound(-30, 60.5, 0.5));
        lib.track(7, "E", "Quiet three", 105L, 200, sound(-29, 90, 0.6));
        lib.track(8, "F", "Unanalysed", 106L, 200, null).genres(8, 1, 1);
        // the rest of a library, spread over every loudness and busyness: rank-normalised values need a library
        // around them to say how far apart -6 and -6.2 dB are
        for (int i = 0; i < 40; i++) {
            lib.track(100 + i, "Filler " + i, "Filler " + i, 200L + i, 200, sound(-36 + 0.9 * i, 100, 0.4 + 0.1 * i));
        }
        lib.builder().setGenreParents(Map.of(1L, 2L));
        return lib.build();
    }

    private static List<List<String>> explain(LibraryIndex index, long[] ids, boolean... seeds) {
        List<Integer> rows = java.util.Arrays.stream(ids).mapToInt(id -> index.row(id)).boxed().toList();
        List<Boolean> flags = new java.util.ArrayList<>();
        for (boolean s : seeds) {
            flags.add(s);
        }
        return new Reasons(index, GENRES).explain(rows, flags);
    }

    @Test
    void albumArtistAndTheMostSpecificSharedGenre() {
        LibraryIndex index = library();
        List<List<String>> reasons = explain(index, new long[] {1, 2, 3, 4, 8}, true, false, false, false, false);
        assertThat(reasons.get(0)).first().isEqualTo("a seed you chose");
        assertThat(reasons.get(1)).contains("same album as the seed (Album 100)", "shares indie rock with the seed");
        assertThat(reasons.get(2)).contains("same artist as the seed").noneMatch(r -> r.startsWith("shares"));
        assertThat(reasons.get(3)).contains("shares indie rock with the seed").noneMatch(r -> r.startsWith("same"));
        assertThat(reasons.get(4)).contains("not analysed yet: chosen by its genres");
        assertThat(reasons.get(1)).anyMatch(r -> r.startsWith("sounds like the seed: similar") && r.contains("loudness"));
    }

    @Test
    void transitionsInWords() {
        LibraryIndex index = library();
        List<List<String>> reasons = explain(index, new long[] {5, 6, 1, 7}, true, false, false, false);
        assertThat(reasons.get(1)).contains("calm ending leads into a soft start", "the tempo carries over (≈ 61 BPM)");
        assertThat(reasons.get(2)).contains("lifts the energy after a calm ending", "the beat carries over at double time (61 → 120 BPM)");
        assertThat(reasons.get(3)).contains("a soft start after an energetic ending", "the tempo changes from 120 to 90 BPM");
        // the first track has no transition; a track without analysis has none either
        assertThat(reasons.get(0)).containsExactly("a seed you chose");
        assertThat(explain(index, new long[] {1, 8}, true, false).get(1)).noneMatch(r -> r.contains("start") || r.contains("tempo"));
    }

    @Test
    void phrases() {
        assertThat(Reasons.energyPhrase(1, 1, 0)).isEqualTo("energetic ending runs into a driving start");
        assertThat(Reasons.energyPhrase(0, 0, 0.1)).isEqualTo("the energy holds steady across the change");
        assertThat(Reasons.energyPhrase(0, 0, 0.6)).isNull();
        assertThat(Reasons.keyPhrase(9, false, 0, true)).hasValue("moves to the relative major (A minor → C major)");
        assertThat(Reasons.keyPhrase(0, true, 7, true)).hasValue("moves to a neighbouring key (C major → G major)");
        assertThat(Reasons.keyPhrase(2, true, 2, true)).hasValue("stays in D major");
        assertThat(Reasons.keyPhrase(0, true, 6, true)).hasValue("a distant key change (C major → F♯ major)");
        assertThat(Reasons.keyPhrase(0, true, 2, true)).isEmpty();
        assertThat(Reasons.tempoPhrase(120, 0.9, 121, 0.2)).as("a guessed tempo says nothing").isEmpty();
        assertThat(Reasons.foldedTempoDifference(120, 60)).isEqualTo(0.0);
        assertThat(Reasons.foldedTempoDifference(120, 126)).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
    }
}
