package dev.segue.playlist.map;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.playlist.index.Features;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.Segment;
import dev.segue.playlist.index.TestLibrary;
import dev.segue.playlist.playlist.GenreCatalog;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ProjectionTest {

    /**
     * 400 tracks whose z-scored sound varies together in loudness and dynamic range (falling as loudness rises),
     * together in brightness and treble (independent of loudness), and alone in onset rate: the axes are the two
     * correlated pairs, loudness first (the tighter pair), brightness second.
     */
    private static LibraryIndex library() {
        Random random = new Random(7);
        TestLibrary lib = new TestLibrary();
        for (int i = 1; i <= 400; i++) {
            double loud = random.nextGaussian();
            double bright = random.nextGaussian();
            float[] v = TestLibrary.sound(-20 + 10 * loud, 2000 + 600 * bright, 0);
            for (Segment s : Segment.values()) {
                TestLibrary.set(v, s, Features.ONSET_RATE, 2 + 0.05 * random.nextGaussian());
                TestLibrary.set(v, s, Features.DYNAMIC_RANGE_DB, 10 - loud + 0.05 * random.nextGaussian());
                TestLibrary.set(v, s, Features.ROLLOFF_MEAN, 4000 + 1200 * bright + 500 * random.nextGaussian());
            }
            lib.track(i, "Artist " + (i % 20), "Track " + i, (long) (i % 40), 200, v).genres(i, i % 2 == 0 ? 1 : 3, 1);
        }
        lib.builder().setGenreParents(Map.of(1L, 2L));
        return lib.build();
    }

    @Test
    void axesFollowTheLargestSpreadAndAreNamedByIt() {
        LibraryIndex index = library();
        Projection p = Projection.fit(index.sonic(), index.size(), 1);
        assertThat(p.fittedOn()).isEqualTo(400);
        MapView.Axis x = SonicMap.axis(p, 0);
        MapView.Axis y = SonicMap.axis(p, 1);
        assertThat(x.loadings().get(0).feature()).isIn("loudness", "dynamic range");
        assertThat(x.name()).contains("loudness", "dynamic range");
        assertThat(y.name()).contains("brightness", "treble");
        assertThat(x.explained()).isGreaterThan(y.explained());
        assertThat(x.explained() + y.explained()).isLessThanOrEqualTo(1.0);
        // loudness and dynamic range pull in opposite directions, so the ends read "louder, more compressed" or the reverse
        assertThat(x.high()).satisfiesAnyOf(h -> assertThat(h).contains("louder", "more compressed"),
                h -> assertThat(h).contains("quieter", "more dynamic"));
    }

    @Test
    void everyAnalysedTrackIsAPointWhereItsLoudnessSays() {
        LibraryIndex index = library();
        Projection p = Projection.fit(index.sonic(), index.size(), 1);
        MapView view = SonicMap.build(index, p, new GenreCatalog(Map.of(1L, "indie rock", 2L, "rock", 3L, "jazz"), Map.of(1L, 2L)), 3);
        assertThat(view.count()).isEqualTo(400);
        assertThat(view.ids()).hasSize(400).doesNotHaveDuplicates();
        // indie rock is coloured as its family, rock
        assertThat(view.genres()).containsExactlyInAnyOrder("rock", "jazz");
        boolean louderRight = view.axes().get(0).high().contains("louder");
        double loud = 0;
        double quiet = 0;
        for (int i = 0; i < view.count(); i++) {
            double z = index.sonic().zScore(index.row(view.ids()[i]), Segment.AVERAGE, "loudness_db");
            if (z > 1) {
                loud += view.x()[i];
            } else if (z < -1) {
                quiet += view.x()[i];
            }
        }
        assertThat(louderRight ? loud : quiet).isPositive();
        assertThat(louderRight ? quiet : loud).isNegative();
    }

    @Test
    void jacobiFindsKnownEigenvalues() {
        double[][] m = {{2, 1}, {1, 2}};
        double[][] v = new double[2][2];
        double[] values = Projection.jacobi(m, v);
        java.util.Arrays.sort(values);
        assertThat(values[0]).isCloseTo(1, Offset.offset(1e-9));
        assertThat(values[1]).isCloseTo(3, Offset.offset(1e-9));
    }
}
