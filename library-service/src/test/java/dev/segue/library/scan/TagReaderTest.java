package dev.segue.library.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segue.library.AudioFixtures;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.jaudiotagger.tag.FieldKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagReaderTest {

    @TempDir
    Path dir;

    @Test
    void opusHeaderAndCommentsAreRead() throws Exception {
        Path file = dir.resolve("tagged.opus");
        try (InputStream in = getClass().getResourceAsStream("/audio/tagged.opus")) {
            Files.copy(in, file);
        }
        ReadTrack track = read(file, "opus");
        assertThat(track.title()).isEqualTo("Opus Title");
        assertThat(track.artist()).isEqualTo("Opus Artist");
        assertThat(track.album()).isEqualTo("Opus Album");
        assertThat(track.trackNo()).isEqualTo(4);
        assertThat(track.trackTotal()).isEqualTo(9);
        assertThat(track.year()).isEqualTo(2011);
        assertThat(track.genres()).containsExactly("Ambient");
        assertThat(track.codec()).isEqualTo("Opus");
        assertThat(track.channels()).isEqualTo(1);
        assertThat(track.sampleRate()).isEqualTo(48000);
        assertThat(track.durationMs()).isBetween(950, 1050);
        assertThat(track.contentKey()).hasSize(32);
    }

    @Test
    void oggVorbisIsReadWithoutJaudiotagger() {
        Path file = AudioFixtures.tagged("ogg", dir.resolve("v.ogg"), Map.of(FieldKey.TITLE, "Vorbis", FieldKey.TRACK, "2",
                FieldKey.MUSICBRAINZ_TRACK_ID, "f5a8a3a0-3c1e-4c0a-9a43-9d9a1c2b9e10"));
        ReadTrack track = read(file, "ogg");
        assertThat(track.title()).isEqualTo("Vorbis");
        assertThat(track.trackNo()).isEqualTo(2);
        assertThat(track.mbidRecording()).hasToString("f5a8a3a0-3c1e-4c0a-9a43-9d9a1c2b9e10");
        assertThat(track.codec()).isEqualTo("Ogg Vorbis");
        assertThat(track.sampleRate()).isEqualTo(22050);
        assertThat(track.durationMs()).isBetween(950, 1050);
    }

    @Test
    void truncatedOggIsAnError() throws Exception {
        Path whole = AudioFixtures.audio("ogg", dir.resolve("whole.ogg"));
        Path cut = Files.write(dir.resolve("cut.ogg"), java.util.Arrays.copyOf(Files.readAllBytes(whole), 60));
        assertThatThrownBy(() -> TagReader.read(discovered(cut, "ogg"), dir, Ffprobe.NONE))
                .isInstanceOf(TagReader.UnreadableFileException.class).hasMessageContaining("truncated");
    }

    private ReadTrack read(Path file, String format) {
        try {
            return TagReader.read(discovered(file, format), dir, Ffprobe.NONE);
        } catch (Exception e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static DiscoveredFile discovered(Path file, String format) throws Exception {
        return new DiscoveredFile(file, file.toString(), Files.size(file), Instant.now(), format);
    }
}
