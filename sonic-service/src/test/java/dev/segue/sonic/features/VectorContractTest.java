package dev.segue.sonic.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.schema.sonic.SonicLayout;
import org.junit.jupiter.api.Test;

/** sonic-service's side of the vector contract ({@link SonicLayout}); playlist-service has the other side. */
class VectorContractTest {

    @Test
    void theExtractorWritesTheNewestReleasedLayout() {
        assertThat(FeatureLayout.LAYOUT).isSameAs(SonicLayout.latest());
        assertThat(FeatureLayout.ANALYZER_VERSION).isEqualTo(SonicLayout.latest().analyzerVersion());
    }

    @Test
    void everyVectorHasOneValuePerFeatureOfTheLayout() {
        float[] pcm = Signals.chords(new double[][] {{Signals.midi(60), Signals.midi(64)}}, 1.0, 3);
        FeatureExtractor extractor = new FeatureExtractor();
        SegmentStats stats = extractor.analyse(pcm, 0, pcm.length);

        assertThat(stats.toVector()).hasSize(SonicLayout.latest().size());
        assertThat(SegmentStats.pool(java.util.List.of(stats, stats)).toVector()).hasSize(SonicLayout.latest().size());
        assertThat(FeatureLayout.NAMES).isEqualTo(SonicLayout.latest().names());
    }
}
