package dev.segue.library.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PathFallbackTest {

    private final Path root = Path.of("/music");

    @Test
    void artistAlbumNumberedTitle() {
        assertThat(PathFallback.guess(root, Path.of("/music/Nick Drake/Pink Moon/03 - Road.flac")))
                .isEqualTo(new PathFallback.Guess("Nick Drake", "Pink Moon", null, 3, "Road"));
    }

    @Test
    void discFolderAndDiscTrackPrefix() {
        assertThat(PathFallback.guess(root, Path.of("/music/Artist/Album/CD2/05 Song.mp3")))
                .isEqualTo(new PathFallback.Guess("Artist", "Album", 2, 5, "Song"));
        assertThat(PathFallback.guess(root, Path.of("/music/Artist/Album/1-07 Song_Name.mp3")))
                .isEqualTo(new PathFallback.Guess("Artist", "Album", 1, 7, "Song Name"));
    }

    @Test
    void neverLooksAboveTheRoot() {
        assertThat(PathFallback.guess(root, Path.of("/music/loose.mp3")))
                .isEqualTo(new PathFallback.Guess(PathFallback.UNKNOWN_ARTIST, null, null, null, "loose"));
        assertThat(PathFallback.guess(root, Path.of("/music/Album Only/1 Intro.ogg")))
                .isEqualTo(new PathFallback.Guess(PathFallback.UNKNOWN_ARTIST, "Album Only", null, 1, "Intro"));
    }
}
