package dev.segue.playlist.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankNormalTest {

    @Test
    void probitHasKnownQuantiles() {
        assertThat(RankNormal.probit(0.5)).isCloseTo(0, within(1e-12));
        assertThat(RankNormal.probit(0.975)).isCloseTo(1.959963985, within(1e-8));
        assertThat(RankNormal.probit(0.025)).isCloseTo(-1.959963985, within(1e-8));
        assertThat(RankNormal.probit(0.8413447461)).isCloseTo(1.0, within(1e-8));
        // the tails use their own approximation
        assertThat(RankNormal.probit(0.001)).isCloseTo(-3.090232306, within(1e-8));
        assertThat(RankNormal.probit(1 - 1e-6)).isCloseTo(4.753424309, within(1e-7));
    }

    @Test
    void ranksBecomeNormalQuantilesWhateverTheScale() {
        // four values, one an outlier: ranks 0..3 map to the quantiles of 1/8, 3/8, 5/8, 7/8
        float[] v = {10f, 1e6f, -3f, 12f};
        assertThat(RankNormal.normalise(v, 4)).isTrue();
        double q1 = RankNormal.probit(1 / 8.0);
        double q3 = RankNormal.probit(3 / 8.0);
        assertThat(v[2]).isCloseTo((float) q1, within(1e-6f));
        assertThat(v[0]).isCloseTo((float) q3, within(1e-6f));
        assertThat(v[3]).isCloseTo((float) -q3, within(1e-6f));
        assertThat(v[1]).isCloseTo((float) -q1, within(1e-6f));
    }

    @Test
    void tiesShareTheirMeanRank() {
        float[] v = {2f, 2f, 5f};
        RankNormal.normalise(v, 3);
        // ranks 0 and 1 tie at 0.5: quantile of (0.5 + 0.5) / 3
        assertThat(v[0]).isEqualTo(v[1]).isCloseTo((float) RankNormal.probit(1 / 3.0), within(1e-6f));
        assertThat(v[2]).isCloseTo((float) RankNormal.probit(2.5 / 3), within(1e-6f));
    }

    @Test
    void negativeValuesAndZeroOrderCorrectly() {
        float[] v = {-0.5f, 0f, -7f, 3f, -0f};
        RankNormal.normalise(v, 5);
        assertThat(v[2]).isLessThan(v[0]);
        assertThat(v[0]).isLessThan(v[1]);
        assertThat(v[1]).isEqualTo(v[4]);
        assertThat(v[1]).isLessThan(v[3]);
    }

    @Test
    void aConstantFeatureTellsNothing() {
        float[] v = {4f, 4f, 4f, 99f};
        assertThat(RankNormal.normalise(v, 3)).isFalse();
        assertThat(v).containsExactly(0f, 0f, 0f, 99f);
    }
}
