package dev.segue.library.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.library.AudioFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.jaudiotagger.tag.FieldKey;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentKeyTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mp3", "flac", "ogg", "m4a", "wav"})
    void retagKeepsTheKeyAndANewPayloadChangesIt(String format) throws Exception {
        Path file = AudioFixtures.tagged(format, dir.resolve("a." + format), Map.of(FieldKey.TITLE, "First"));
        String before = key(file, format);

        AudioFixtures.tag(file, Map.of(FieldKey.TITLE, "A much longer title " + "x".repeat(5000),
                FieldKey.COMMENT, "c".repeat(70_000), FieldKey.ARTIST, "Someone"));
        assertThat(key(file, format)).as("retagged %s", format).isEqualTo(before);

        Path copy = Files.copy(file, dir.resolve("b." + format));
        assertThat(key(copy, format)).isEqualTo(before);

        Path other = AudioFixtures.tagged(format, dir.resolve("c." + format), Map.of(FieldKey.TITLE, "First"));
        assertThat(key(other, format)).as("different payload").isNotEqualTo(before);
    }

    private static String key(Path file, String format) throws Exception {
        DiscoveredFile discovered = new DiscoveredFile(file, file.toString(), Files.size(file), Instant.now(), format);
        return TagReader.read(discovered, file.getParent(), Ffprobe.NONE).contentKey();
    }
}
