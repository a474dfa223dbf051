package dev.segue.library.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void keyIsCaseFoldedNfkcTrimmed() {
        assertThat(Names.key("  The   Beatles ")).isEqualTo("the beatles");
        assertThat(Names.key("ＴＨＥ BEATLES")).isEqualTo("the beatles");
        assertThat(Names.key("Straße")).isEqualTo(Names.key("STRASSE"));
        assertThat(Names.key("Beyonce\u0301")).isEqualTo(Names.key("Beyoncé"));
    }

    @Test
    void sortNameIgnoresLeadingThe() {
        assertThat(Names.sortName("The Beatles")).isEqualTo("beatles, the");
        assertThat(Names.sortName("Theatre of Tragedy")).isEqualTo("theatre of tragedy");
        assertThat(Names.sortName("The The")).isEqualTo("the, the");
    }
}
