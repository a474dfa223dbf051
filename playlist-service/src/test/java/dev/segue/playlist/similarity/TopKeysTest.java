package dev.segue.playlist.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKeysTest {

    @Test
    void largestComeBestFirst() {
        long[] keys = {5, 1, 9, 3, 7, 2, 8};
        assertThat(TopKeys.largest(keys, keys.length, 3)).containsExactly(9, 8, 7);
    }

    @Test
    void onlyTheFirstNCount() {
        long[] keys = {5, 1, 9, 3, 7, 2, 8};
        assertThat(TopKeys.largest(keys, 4, 2)).containsExactly(9, 5);
    }

    @Test
    void asManyAsThereAreWhenKExceedsN() {
        long[] keys = {4, -2, 6};
        assertThat(TopKeys.largest(keys, 3, 10)).containsExactly(6, 4, -2);
        assertThat(TopKeys.largest(keys, 3, 0)).isEmpty();
    }

    @Test
    void matchesAFullSortOnRandomKeys() {
        Random random = new Random(7);
        long[] keys = random.longs(5000).toArray();
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        long[] expected = new long[50];
        for (int i = 0; i < 50; i++) {
            expected[i] = sorted[sorted.length - 1 - i];
        }
        assertThat(TopKeys.largest(keys, keys.length, 50)).containsExactly(expected);
    }
}
