package dev.segue.playlist.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatcherTest {

    private static final PathMapping NAS = new PathMapping(List.of("/music=/data/music"));

    @Test
    void pathThenMbidThenTagsWithinThreeSeconds() {
        List<RemoteTrack> catalogue = List.of(
                new RemoteTrack("1", "/data/music/a.flac", null, "X", "A", 100),
                new RemoteTrack("2", "/elsewhere/b.flac", "0a4e-mbid", "Y", "B", 200),
                new RemoteTrack("3", "/elsewhere/c.flac", null, "Sigur Rós", "The Song (Live)", 300));
        List<LocalTrack> playlist = List.of(
                new LocalTrack(10, "/music/c.flac", null, "sigur ros", "the song live", 302),
                new LocalTrack(11, "/music/a.flac", null, "wrong", "tags", null),
                new LocalTrack(12, "/music/b.flac", "0A4E-MBID", "other", "tags", 1),
                new LocalTrack(13, "/music/c2.flac", null, "Sigur Rós", "The Song (Live)", 310),
                new LocalTrack(14, "/outside/d.flac", null, "Z", "D", 10));

        Matcher.Matching m = new Matcher(catalogue, NAS, true).match(playlist);

        assertThat(m.remoteIds()).containsExactly("3", "1", "2");
        assertThat(m.matchedTrackIds()).containsExactly(10L, 11L, 12L);
        assertThat(m.unmatched()).extracting(Unmatched::trackId).containsExactly(13L, 14L);
        assertThat(m.unmatched().get(0).reason()).contains("by path /data/music/c2.flac").contains("within 3 s of 310 s");
        assertThat(m.unmatched().get(1).position()).isEqualTo(4);
        assertThat(m.unmatched().get(1).reason()).contains("/outside/d.flac is outside every path mapping");
    }

    @Test
    void virtualPathsAreNotTrusted() {
        List<RemoteTrack> catalogue = List.of(new RemoteTrack("1", "/data/music/a.flac", null, "Q", "Other", 100));
        Matcher.Matching m = new Matcher(catalogue, NAS, false).match(List.of(new LocalTrack(1, "/music/a.flac", null, "X", "A", 100)));
        assertThat(m.remoteIds()).isEmpty();
        assertThat(m.unmatched().get(0).reason()).doesNotContain("by path");
    }

    @Test
    void longestMappingWinsAndEmptyTargetMakesPathsRelative() {
        PathMapping m = new PathMapping(List.of("/music=", "/music/jazz=/jazz/"));
        assertThat(m.map("/music/rock/a.flac")).contains("rock/a.flac");
        assertThat(m.map("/music/jazz/b.flac")).contains("/jazz/b.flac");
        assertThat(m.map("/musical/c.flac")).isEmpty();
        assertThat(new PathMapping(List.of()).map("/music/x")).contains("/music/x");
    }
}
