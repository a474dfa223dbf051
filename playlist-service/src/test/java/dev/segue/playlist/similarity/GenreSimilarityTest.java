package dev.segue.playlist.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.segue.playlist.index.GenreLevel;
import dev.segue.playlist.index.GenreRows;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.TestLibrary;
import dev.segue.playlist.index.TrackInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenreSimilarityTest {

    private static final long ROCK = 1;
    private static final long INDIE_ROCK = 2;
    private static final long ALT_ROCK = 3;
    private static final long JAZZ = 4;

    @Test
    void cosineWithParentPartialCredit() {
        GenreVectors gv = GenreVectors.build(List.of(
                Map.of(ROCK, 1f), Map.of(ROCK, 0.5f), Map.of(INDIE_ROCK, 1f), Map.of(ALT_ROCK, 1f), Map.of(JAZZ, 1f), Map.of()),
                Map.of(INDIE_ROCK, ROCK, ALT_ROCK, ROCK));
        assertThat(gv.similarity(0, 1)).isCloseTo(1.0, within(1e-6));
        // {indie 1, rock .5} · {alt 1, rock .5} / 1.25
        assertThat(gv.similarity(2, 3)).isCloseTo(0.2, within(1e-6));
        // {rock 1} · {indie 1, rock .5} / sqrt(1.25)
        assertThat(gv.similarity(0, 2)).isCloseTo(0.5 / Math.sqrt(1.25), within(1e-6));
        assertThat(gv.similarity(0, 4)).isZero();
        assertThat(gv.similarity(0, 5)).isZero();
        assertThat(gv.has(5)).isFalse();
    }

    @Test
    void sourcesAreWeightedByTrust() {
        GenreLevel level = GenreLevel.TRACK;
        // file says rock 1.0; Last.fm says rock 0.5 and jazz 1.0
        GenreRows rows = new GenreRows(new long[] {ROCK, ROCK, JAZZ},
                new byte[] {level.sourceCode("file"), level.sourceCode("lastfm_track"), level.sourceCode("lastfm_track")},
                new float[] {1f, 0.5f, 1f});
        Map<Long, Float> combined = rows.combined();
        assertThat(combined.get(ROCK)).isCloseTo((1f + 0.75f * 0.5f) / 1.75f, within(1e-6f));
        assertThat(combined.get(JAZZ)).isCloseTo(0.75f / 1.75f, within(1e-6f));
    }

    @Test
    void effectiveGenresFallBackFromTrackToAlbumToArtist() {
        TestLibrary lib = new TestLibrary()
                .track(1, "Art", "tagged", 10L, 200, null)
                .track(2, "Art", "album only", 10L, 200, null)
                .track(3, "Art", "artist only", null, 200, null)
                .genres(1, JAZZ, 1);
        lib.builder().putGenres(GenreLevel.ALBUM, 10, new GenreRows(new long[] {ROCK}, new byte[] {0}, new float[] {1f}));
        TrackInfo any = lib.build().track(2);
        lib.builder().putGenres(GenreLevel.ARTIST, any.artistId(), new GenreRows(new long[] {ROCK, JAZZ}, new byte[] {0, 0},
                new float[] {1f, 1f}));
        LibraryIndex index = lib.build();
        GenreVectors gv = index.genres();
        assertThat(gv.similarity(0, 1)).isZero();
        assertThat(gv.similarity(1, 2)).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat(gv.similarity(0, 2)).isCloseTo(Math.sqrt(0.5), within(1e-6));
    }
}
