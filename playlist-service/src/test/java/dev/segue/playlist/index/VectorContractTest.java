package dev.segue.playlist.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.playlist.similarity.SoundSegment;
import dev.segue.schema.sonic.SonicLayout;
import org.junit.jupiter.api.Test;

/**
 * playlist-service's side of the vector contract ({@link SonicLayout}): it must read the layout sonic-service
 * writes (the newest released one), so releasing a layout without teaching this service to read it fails here.
 */
class VectorContractTest {

    @Test
    void theSegmentsSitWhereTheVectorsExpectThem() {
        assertThat(Segment.values()).hasSize(SoundSegment.COUNT);
        assertThat(Segment.BEGINNING.ordinal()).isEqualTo(SoundSegment.BEGINNING);
        assertThat(Segment.END.ordinal()).isEqualTo(SoundSegment.END);
        assertThat(Segment.AVERAGE.ordinal()).isEqualTo(SoundSegment.AVERAGE);
    }

    @Test
    void theNewestReleasedLayoutIsReadable() {
        assertThat(Features.readable(SonicLayout.latest().analyzerVersion())).isTrue();
    }

    /** During an upgrade readers keep the older version: every released layout stays readable. */
    @Test
    void everyReleasedLayoutIsReadable() {
        for (SonicLayout layout : SonicLayout.released()) {
            assertThat(Features.readable(layout.analyzerVersion())).as(layout.toString()).isTrue();
        }
    }

    @Test
    void anUnreleasedVersionIsNotReadable() {
        assertThat(Features.readable(SonicLayout.latest().analyzerVersion() + 1)).isFalse();
        assertThat(Features.readable(0)).isFalse();
    }
}
