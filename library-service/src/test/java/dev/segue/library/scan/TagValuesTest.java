package dev.segue.library.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TagValuesTest {

    @Test
    void textLosesControlCharactersAndAbsurdLength() {
        assertThat(TagValues.text("  Hello\u0000 World\n ")).isEqualTo("Hello World");
        assertThat(TagValues.text("x".repeat(10_000_000))).hasSize(TagValues.MAX_TEXT);
        assertThat(TagValues.text(" \u0000 ")).isNull();
    }

    @Test
    void yearsOutsideReasonAreAbsent() {
        assertThat(TagValues.year("1999")).isEqualTo(1999);
        assertThat(TagValues.year("2001-05-03")).isEqualTo(2001);
        assertThat(TagValues.year("99999")).isNull();
        assertThat(TagValues.year("0000")).isNull();
        assertThat(TagValues.year("unknown")).isNull();
    }

    @Test
    void numbersAndTotals() {
        assertThat(TagValues.number("03/12", 9999)).isEqualTo(3);
        assertThat(TagValues.totalOf("03/12", 9999)).isEqualTo(12);
        assertThat(TagValues.number("0", 9999)).isNull();
        assertThat(TagValues.number("123456789012", 9999)).isNull();
    }

    @Test
    void identifiers() {
        UUID id = UUID.randomUUID();
        assertThat(TagValues.uuid(" " + id + " ")).isEqualTo(id);
        assertThat(TagValues.uuid(id + "/" + UUID.randomUUID())).isNull();
        assertThat(TagValues.isrc("us-rc1-76-07839")).isEqualTo("USRC17607839");
        assertThat(TagValues.isrc("nonsense")).isNull();
    }

    @Test
    void genresAreSplitResolvedAndBounded() {
        assertThat(TagValues.genres(List.of("Rock; Pop", "(17)", "Jazz/Funk", "rock"), id -> id == 17 ? "Rock" : null))
                .containsExactly("Rock", "Pop", "Jazz", "Funk", "rock");
        assertThat(TagValues.genres(List.of("g;".repeat(1000)), id -> null)).hasSize(1);
    }
}
