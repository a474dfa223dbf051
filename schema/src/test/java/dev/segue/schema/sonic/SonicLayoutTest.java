package dev.segue.schema.sonic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SonicLayoutTest {

    @Test
    void releasedLayoutsHaveIncreasingVersionsAndTheLatestIsTheNewest() {
        List<SonicLayout> released = SonicLayout.released();
        for (int i = 1; i < released.size(); i++) {
            assertThat(released.get(i).analyzerVersion()).isGreaterThan(released.get(i - 1).analyzerVersion());
        }
        assertThat(SonicLayout.latest()).isSameAs(released.getLast());
        assertThat(SonicLayout.of(0)).isEmpty();
    }

    @Test
    void version1IsThe44FeaturesAlreadyStored() {
        SonicLayout v1 = SonicLayout.of(1).orElseThrow();
        assertThat(v1.size()).isEqualTo(44);
        assertThat(v1.position("loudness_db")).isZero();
        assertThat(v1.run("mfcc_", 13)).isEqualTo(13);
        assertThat(v1.position("chroma_c")).isEqualTo(26);
        assertThat(v1.position("onset_rate")).isEqualTo(43);
    }

    @Test
    void anUnknownFeatureIsAnError() {
        assertThatThrownBy(() -> SonicLayout.V1.position("tempo")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no feature tempo");
    }
}
