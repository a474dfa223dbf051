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
    void version2KeepsVersion1AtItsPositionsAndAppendsTheTextureFeatures() {
        SonicLayout v2 = SonicLayout.of(2).orElseThrow();
        assertThat(SonicLayout.latest()).isSameAs(v2);
        assertThat(v2.size()).isEqualTo(93);
        assertThat(v2.names().subList(0, 44)).isEqualTo(SonicLayout.V1.names());
        assertThat(v2.run("mfcc_std_", 13)).isEqualTo(44);
        assertThat(v2.run("mfcc_delta_", 13)).isEqualTo(57);
        assertThat(v2.run("contrast_", 7)).isEqualTo(70);
        assertThat(v2.run("contrast_std_", 7)).isEqualTo(77);
        assertThat(v2.run("valley_db_", 7)).isEqualTo(84);
        assertThat(v2.position("crest_db")).isEqualTo(91);
        assertThat(v2.position("low_energy_ratio")).isEqualTo(92);
        assertThat(SonicLayout.V1.size()).as("a released layout never changes").isEqualTo(44);
    }

    @Test
    void anUnknownFeatureIsAnError() {
        assertThatThrownBy(() -> SonicLayout.V1.position("tempo")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no feature tempo");
    }
}
