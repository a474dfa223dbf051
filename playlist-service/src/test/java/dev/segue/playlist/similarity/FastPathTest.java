package dev.segue.playlist.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.segue.playlist.index.Features;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.Segment;
import dev.segue.playlist.index.TestLibrary;
import dev.segue.playlist.playlist.Constraints;
import dev.segue.playlist.playlist.Entry;
import dev.segue.playlist.playlist.PlaylistBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The request path (bulk dot products, inverted genre lists, bounded-heap selection) against the plain
 * definitions computed pair by pair on a fixture library: same scores to 1e-6, same order.
 */
class FastPathTest {

    private static LibraryIndex library() {
        Random random = new Random(11);
        TestLibrary lib = new TestLibrary();
        for (int i = 0; i < 400; i++) {
            float[] v = TestLibrary.sound(-14 + 5 * random.nextGaussian(), 2000 + 700 * random.nextGaussian(),
                    80 + 60 * random.nextDouble());
            for (Segment s : Segment.values()) {
                TestLibrary.set(v, s, Features.ONSET_RATE, 3 + random.nextGaussian());
                TestLibrary.set(v, s, Features.FLUX_MEAN, random.nextGaussian());
                TestLibrary.set(v, s, Features.MFCC_FIRST + 1, random.nextGaussian());
            }
            lib.track(i + 1, "Artist " + (i % 37), "Track " + i, (long) (i % 61), 200, i % 10 == 9 ? null : v);
            if (i % 3 > 0) {
                lib.genres(i + 1, 1 + random.nextInt(6), 0.5 + random.nextDouble() / 2, 1 + random.nextInt(6), 0.3);
            }
        }
        lib.builder().setGenreParents(Map.of(1L, 7L, 2L, 7L, 3L, 8L));
        return lib.build();
    }

    @Test
    void scoresEqualThePairwiseDefinitions() {
        LibraryIndex index = library();
        SonicVectors sv = index.sonic();
        GenreVectors gv = index.genres();
        List<Integer> seeds = List.of(4, 17, 250);
        Scorer scorer = new Scorer(index, seeds, 0.6, 0.4, true);
        for (int r = 0; r < index.size(); r++) {
            if (sv.has(r)) {
                int row = r;
                double sonic = seeds.stream().mapToDouble(s -> sv.similarity(s, row)).average().orElseThrow();
                assertThat(scorer.sonic(r)).isCloseTo(sonic, within(1e-6));
            } else {
                assertThat(scorer.sonic(r)).isNaN();
            }
            int row = r;
            double genre = seeds.stream().mapToDouble(s -> gv.similarity(s, row)).sum() / seeds.size();
            assertThat(scorer.genre(r)).isEqualTo(genre);
        }
    }

    @Test
    void neighbourListIsTheFullSortsPrefix() {
        LibraryIndex index = library();
        for (int seed : new int[] {0, 99, 321}) {
            Scorer scorer = new Scorer(index, List.of(seed), 0.6, 0.4, true);
            List<Entry> list = new PlaylistBuilder(index, scorer).build(List.of(seed), Constraints.neighbours(300), new ArrayList<>());
            List<Integer> expected = IntStream.range(0, index.size()).filter(r -> r != seed && !index.sameRecording(r, seed)).boxed()
                    .sorted(Comparator.comparing((Integer r) -> !scorer.hasEvidence(r))
                            .thenComparing(r -> -Math.floor(scorer.total(r) * (1L << 37)))
                            .thenComparing(r -> -r))
                    .limit(299).toList();
            assertThat(list.subList(1, list.size()).stream().map(Entry::row).toList()).isEqualTo(expected);
        }
    }
}
