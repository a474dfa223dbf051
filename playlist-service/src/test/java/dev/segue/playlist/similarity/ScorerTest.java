package dev.segue.playlist.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.TestLibrary;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorerTest {

    private final LibraryIndex index = new TestLibrary()
            .track(1, "Seed", "seed", null, 200, TestLibrary.sound(-10, 1000, 0))
            .track(2, "Near", "near", null, 200, TestLibrary.sound(-11, 1100, 0))
            .track(3, "Far", "far", null, 200, TestLibrary.sound(-25, 4000, 0))
            .track(4, "Unanalysed", "u", null, 200, null)
            .genres(1, 1, 1).genres(2, 2, 1).genres(3, 1, 1).genres(4, 1, 1)
            .build();

    @Test
    void totalIsWeightedSumOfSonicAndGenre() {
        Scorer s = new Scorer(index, List.of(0), 0.6, 0.4, true);
        double near = index.sonic().similarity(0, 1);
        double far = index.sonic().similarity(0, 2);
        assertThat(s.sonic(1)).isCloseTo(near, within(1e-6));
        assertThat(s.genre(1)).isZero();
        assertThat(s.total(1)).isCloseTo(0.6 * near, within(1e-6));
        assertThat(s.genre(2)).isCloseTo(1.0, within(1e-6));
        assertThat(s.total(2)).isCloseTo(0.6 * far + 0.4, within(1e-6));
        assertThat(s.sonicUsed()).isTrue();
        assertThat(s.genreUsed()).isTrue();
    }

    @Test
    void weightsAreNormalised() {
        Scorer s = new Scorer(index, List.of(0), 3, 2, true);
        assertThat(s.total(2)).isCloseTo(0.6 * s.sonic(2) + 0.4 * s.genre(2), within(1e-9));
    }

    @Test
    void unanalysedCandidateCountsAsTypicalSound() {
        Scorer s = new Scorer(index, List.of(0), 0.6, 0.4, true);
        double typical = (s.sonic(0) + s.sonic(1) + s.sonic(2)) / 3;
        assertThat(s.sonic(3)).isNaN();
        assertThat(s.total(3)).isCloseTo(0.6 * typical + 0.4, within(1e-6));
        assertThat(s.transition(0, 3)).isNaN();
    }

    @Test
    void inALargeLibraryTheTypicalSoundIsTheMeanOverTheFixedSample() {
        TestLibrary lib = new TestLibrary();
        int analysed = SonicVectors.HUBNESS_SAMPLE + 500;
        for (int i = 1; i <= analysed; i++) {
            lib.track(i, "A" + i, "t" + i, null, 200, TestLibrary.sound(-10 - i % 17, 800 + 7 * i, 0));
        }
        lib.track(analysed + 1, "U", "u", null, 200, null);
        LibraryIndex large = lib.build();
        SonicVectors sv = large.sonic();
        assertThat(sv.sampleSize()).isEqualTo(SonicVectors.HUBNESS_SAMPLE);

        Scorer s = new Scorer(large, List.of(0), 1, 0, true);
        s.total(analysed);
        assertThat(s.rescored()).isLessThanOrEqualTo(SonicVectors.HUBNESS_SAMPLE + 1);
        double sum = 0;
        double boundSum = 0;
        for (int i = 0; i < sv.sampleSize(); i++) {
            sum += s.sonic(sv.sampleRow(i));
            boundSum += s.totalBound(sv.sampleRow(i));
        }
        assertThat(s.total(analysed)).isCloseTo(sum / sv.sampleSize(), within(1e-9));
        assertThat(s.totalBound(analysed)).isCloseTo(boundSum / sv.sampleSize(), within(1e-9))
                .isGreaterThanOrEqualTo(s.total(analysed));
    }

    @Test
    void genreOnlyWhenSoundIsSwitchedOff() {
        Scorer s = new Scorer(index, List.of(0), 0.6, 0.4, false);
        assertThat(s.sonicUsed()).isFalse();
        assertThat(s.sonic(1)).isNaN();
        assertThat(s.total(2)).isCloseTo(1.0, within(1e-6));
        assertThat(s.total(1)).isZero();
    }

    @Test
    void unanalysedSeedGivesGenreOnly() {
        Scorer s = new Scorer(index, List.of(3), 0.6, 0.4, true);
        assertThat(s.sonicUsed()).isFalse();
        assertThat(s.total(0)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void severalSeedsAverage() {
        Scorer s = new Scorer(index, List.of(0, 1), 1, 0, true);
        double expected = (index.sonic().similarity(0, 2)
                + index.sonic().similarity(1, 2)) / 2;
        assertThat(s.total(2)).isCloseTo(expected, within(1e-6));
    }
}
