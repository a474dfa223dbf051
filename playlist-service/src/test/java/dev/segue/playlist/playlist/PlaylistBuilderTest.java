package dev.segue.playlist.playlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segue.commons.problem.Unsatisfiable;
import dev.segue.playlist.index.Features;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.Segment;
import dev.segue.playlist.index.TestLibrary;
import dev.segue.playlist.similarity.Scorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaylistBuilderTest {

    private static Constraints constraints(int size, int maxPerArtist, int artistGap, int albumGap, Ordering ordering) {
        return new Constraints(size, 0, maxPerArtist, artistGap, albumGap, null, null, null, Set.of(), ordering, false, true);
    }

    private static List<Entry> build(LibraryIndex index, Constraints c, long... seeds) {
        List<Integer> rows = new ArrayList<>();
        for (long s : seeds) {
            rows.add(index.row(s));
        }
        return new PlaylistBuilder(index, new Scorer(index, rows, 0.6, 0.4, true)).build(rows, c, new ArrayList<>());
    }

    private static List<Long> ids(List<Entry> entries) {
        return entries.stream().map(Entry::trackId).toList();
    }

    /** Ten tracks on a loudness line: track i is at loudness -i, all of one genre. */
    private static TestLibrary line(String... artists) {
        TestLibrary lib = new TestLibrary();
        for (int i = 0; i < artists.length; i++) {
            lib.track(i + 1, artists[i], "t" + (i + 1), (long) (100 + i), 200 + i * 10, TestLibrary.sound(-i, 1000 + 50 * i, 0));
            lib.genres(i + 1, 1, 1);
        }
        return lib;
    }

    @Test
    void seedFirstThenByScoreWithoutDuplicatesOfTheSeed() {
        LibraryIndex index = line("A", "B", "C", "D", "E", "F").build();
        List<Entry> entries = build(index, constraints(4, 10, 0, 0, Ordering.SCORE), 1);
        assertThat(ids(entries)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(entries.get(0).seed()).isTrue();
        assertThat(entries.get(0).transition()).isNaN();
        assertThat(entries.subList(1, 4)).allSatisfy(e -> assertThat(e.transition()).isBetween(0.0, 1.0));
        assertThat(entries).extracting(Entry::total).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void maxPerArtistCountsTheSeed() {
        LibraryIndex index = line("A", "A", "A", "B", "C", "D").build();
        assertThat(ids(build(index, constraints(4, 2, 0, 0, Ordering.SCORE), 1))).containsExactly(1L, 2L, 4L, 5L);
    }

    @Test
    void artistGapSeparatesTracksOfOneArtist() {
        LibraryIndex index = line("A", "B", "B", "C", "D", "E").build();
        List<Entry> entries = build(index, constraints(5, 10, 1, 0, Ordering.SCORE), 1);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(index.track(entries.get(i).row()).artist()).isNotEqualTo(index.track(entries.get(i - 1).row()).artist());
        }
        assertThat(ids(entries)).containsExactly(1L, 2L, 4L, 3L, 5L);
    }

    @Test
    void albumGapSeparatesTracksOfOneAlbum() {
        TestLibrary lib = new TestLibrary();
        for (int i = 1; i <= 6; i++) {
            lib.track(i, "Artist" + i, "t" + i, i <= 3 ? 7L : (long) i, 200, TestLibrary.sound(-i, 1000 + i, 0));
        }
        LibraryIndex index = lib.build();
        List<Entry> entries = build(index, constraints(5, 10, 0, 2, Ordering.SCORE), 1);
        List<Long> order = ids(entries);
        int second = order.indexOf(2L);
        int third = order.indexOf(3L);
        assertThat(Math.abs(second - third)).isGreaterThan(2);
        assertThat(second).isGreaterThan(2);
    }

    @Test
    void impossibleGapSwapsInAnotherArtistOrRefuses() {
        LibraryIndex index = line("A", "B", "B", "B", "C").build();
        // size 4 with artistGap 1: the three B tracks cannot all fit, C comes in
        List<Entry> entries = build(index, constraints(4, 10, 1, 0, Ordering.SCORE), 1);
        assertThat(entries).hasSize(4);
        assertThat(ids(entries)).contains(5L);
        LibraryIndex onlyB = line("A", "B", "B", "B").build();
        assertThatThrownBy(() -> build(onlyB, constraints(4, 10, 1, 0, Ordering.SCORE), 1))
                .isInstanceOf(Unsatisfiable.class)
                .hasMessageContaining("artistGap=1");
    }

    @Test
    void tooFewTracksIsUnprocessableWithTheReason() {
        LibraryIndex index = line("A", "B", "C").build();
        assertThatThrownBy(() -> build(index, constraints(5, 10, 0, 0, Ordering.SCORE), 1))
                .isInstanceOf(Unsatisfiable.class)
                .hasMessageContaining("Only 3 distinct tracks");
        assertThatThrownBy(() -> build(index, constraints(1, 1, 0, 0, Ordering.SCORE), 1, 2))
                .hasMessageContaining("size 1 is smaller than the 2 seeds")
                .isInstanceOf(Unsatisfiable.class);
    }

    @Test
    void sameRecordingAppearsOnce() {
        TestLibrary lib = line("A", "B", "C", "D");
        lib.track(20, "b", "T2 (Remastered 2011)", 300L, 210, TestLibrary.sound(-1.02, 1050.5, 0));
        lib.track(21, "Á", "t1", 301L, 200, TestLibrary.sound(-0.5, 1020, 0));
        // same audio filed under another title: near-identical vectors, same length
        lib.track(22, "Other", "Untitled", 302L, 231, TestLibrary.sound(-3, 1150, 0));
        LibraryIndex index = lib.build();
        List<Entry> entries = build(index, constraints(4, 10, 0, 0, Ordering.SCORE), 1);
        assertThat(ids(entries)).doesNotContain(21L).containsOnlyOnce(1L);
        assertThat(ids(entries).stream().filter(id -> id == 2L || id == 20L)).hasSize(1);
        assertThat(ids(entries).stream().filter(id -> id == 4L || id == 22L)).hasSize(1);
    }

    @Test
    void durationBoundsExcludeUnknownLengths() {
        TestLibrary lib = line("A", "B", "C", "D", "E");
        lib.track(30, "X", "unknown length", null, null, TestLibrary.sound(-0.1, 1001, 0));
        LibraryIndex index = lib.build();
        Constraints c = new Constraints(3, 0, 10, 0, 0, 205, 235, null, Set.of(), Ordering.SCORE, false, true);
        assertThat(ids(build(index, c, 1))).containsExactly(1L, 2L, 3L);
        Constraints longer = new Constraints(3, 0, 10, 0, 0, 225, null, null, Set.of(), Ordering.SCORE, false, true);
        assertThat(ids(build(index, longer, 1))).containsExactly(1L, 4L, 5L);
    }

    @Test
    void bpmWindowIsOctaveAware() {
        TestLibrary lib = new TestLibrary()
                .track(1, "S", "seed", null, 200, TestLibrary.sound(-10, 1000, 120))
                .track(2, "A", "half time", null, 200, TestLibrary.sound(-11, 1000, 61))
                .track(3, "B", "too fast", null, 200, TestLibrary.sound(-10, 1000, 135))
                .track(4, "C", "close", null, 200, TestLibrary.sound(-12, 1200, 124))
                .track(5, "D", "no tempo", null, 200, TestLibrary.sound(-13, 1000, 0));
        LibraryIndex index = lib.build();
        Constraints c = new Constraints(0, 0, 10, 0, 0, null, null, 5.0, Set.of(), Ordering.SCORE, true, true);
        Constraints sized = new Constraints(5, 0, 10, 0, 0, null, null, 5.0, Set.of(), Ordering.SCORE, true, true);
        assertThat(ids(build(index, sized, 1))).containsExactlyInAnyOrder(1L, 2L, 4L);
        assertThat(c.bpmWindow()).isEqualTo(5.0);
        assertThat(PlaylistBuilder.tempoAllowed(244, 120, 5)).isTrue();
        assertThat(PlaylistBuilder.tempoAllowed(90, 120, 5)).isFalse();
    }

    @Test
    void excludedTracksStayOut() {
        LibraryIndex index = line("A", "B", "C", "D", "E").build();
        Constraints c = new Constraints(3, 0, 10, 0, 0, null, null, null, Set.of(2L, 3L), Ordering.SCORE, false, true);
        assertThat(ids(build(index, c, 1))).containsExactly(1L, 4L, 5L);
    }

    @Test
    void targetMinutesStopsNearestTheTarget() {
        TestLibrary lib = line("A", "B", "C", "D", "E", "F", "G", "H");
        lib.track(50, "X", "unknown length", null, null, TestLibrary.sound(-0.1, 1001, 0));
        LibraryIndex index = lib.build();
        // 200 + 210 + 220 + 230 = 860 s; target 900 s: adding 240 s more would overshoot by 200 s, stopping short misses by 40
        Constraints c = new Constraints(0, 900, 10, 0, 0, null, null, null, Set.of(), Ordering.SCORE, false, true);
        assertThat(ids(build(index, c, 1))).containsExactly(1L, 2L, 3L, 4L);
        Constraints tooLong = new Constraints(0, 3600, 10, 0, 0, null, null, null, Set.of(), Ordering.SCORE, false, true);
        assertThatThrownBy(() -> build(index, tooLong, 1)).hasMessageContaining("short of targetMinutes 60");
    }

    @Test
    void transitionOrderingChainsEndsToBeginnings() {
        // every track sounds alike on average; the ends and beginnings form the chain 1 → 3 → 2 → 4
        TestLibrary lib = new TestLibrary();
        double[][] edges = {{0, 10}, {20, 30}, {10, 20}, {30, 40}};
        for (int i = 0; i < edges.length; i++) {
            float[] v = TestLibrary.sound(-10, 1000, 0);
            TestLibrary.set(v, Segment.BEGINNING, Features.FLATNESS_MEAN, edges[i][0]);
            TestLibrary.set(v, Segment.END, Features.FLATNESS_MEAN, edges[i][1]);
            TestLibrary.set(v, Segment.AVERAGE, Features.ONSET_RATE, i);
            lib.track(i + 1, "Artist" + i, "t" + i, null, 200, v);
        }
        LibraryIndex index = lib.build();
        List<Entry> byTransition = build(index, constraints(4, 10, 0, 0, Ordering.TRANSITION), 1);
        assertThat(ids(byTransition)).containsExactly(1L, 3L, 2L, 4L);
        assertThat(byTransition.subList(1, 4)).allSatisfy(e -> assertThat(e.transition()).isEqualTo(1.0));
        List<Entry> byScore = build(index, constraints(4, 10, 0, 0, Ordering.SCORE), 1);
        assertThat(ids(byScore)).containsExactly(1L, 2L, 3L, 4L);
        double meanByScore = byScore.subList(1, 4).stream().mapToDouble(Entry::transition).average().orElseThrow();
        assertThat(meanByScore).isLessThan(1.0);
    }

    @Test
    void localSearchFixesTheJoinsGreedyChainingLeavesForLast() {
        // greedy takes A right after the seed (perfect join) and is then stuck with A's far-off end;
        // S → B → C → A joins everything closely
        TestLibrary lib = new TestLibrary();
        double[][] edges = {{0, 0}, {0, 50}, {1, 2}, {2, 3}};
        String[] names = {"S", "A", "B", "C"};
        for (int i = 0; i < edges.length; i++) {
            float[] v = TestLibrary.sound(-10, 1000, 0);
            TestLibrary.set(v, Segment.BEGINNING, Features.FLATNESS_MEAN, edges[i][0]);
            TestLibrary.set(v, Segment.END, Features.FLATNESS_MEAN, edges[i][1]);
            // the middles and averages sit between 3 and 50, so in ranks too A's end is far from every beginning
            TestLibrary.set(v, Segment.MIDDLE, Features.FLATNESS_MEAN, 40);
            TestLibrary.set(v, Segment.AVERAGE, Features.FLATNESS_MEAN, 40);
            lib.track(i + 1, names[i], names[i], null, 200 + 10 * i, v);
        }
        LibraryIndex index = lib.build();
        List<Entry> entries = build(index, constraints(4, 10, 0, 0, Ordering.TRANSITION), 1);
        assertThat(ids(entries)).containsExactly(1L, 3L, 4L, 2L);
        double sum = entries.subList(1, 4).stream().mapToDouble(Entry::transition).sum();
        Scorer scorer = new Scorer(index, List.of(0), 0.6, 0.4, true);
        double greedy = scorer.transition(0, 1) + scorer.transition(1, 3) + scorer.transition(3, 2);
        assertThat(sum).isGreaterThan(greedy);
    }

    @Test
    void unanalysedTracksAreFlagged() {
        TestLibrary lib = line("A", "B", "C");
        lib.track(40, "U", "unanalysed", null, 200, null).genres(40, 1, 1);
        LibraryIndex index = lib.build();
        List<Entry> entries = build(index, constraints(4, 10, 0, 0, Ordering.SCORE), 1);
        Entry u = entries.stream().filter(e -> e.trackId() == 40).findFirst().orElseThrow();
        assertThat(u.sonicMissing()).isTrue();
        assertThat(u.sonic()).isNaN();
        assertThat(u.genre()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(entries.stream().filter(e -> e.trackId() != 40)).noneMatch(Entry::sonicMissing);
    }

    private static Constraints rules(int size, int maxPerArtist, int artistGap, int albumGap, Integer minSeconds,
                                     boolean includeUnanalysed) {
        return new Constraints(size, 0, maxPerArtist, artistGap, albumGap, minSeconds, null, null, Set.of(), Ordering.SCORE,
                false, includeUnanalysed);
    }

    private static List<Entry> build(LibraryIndex index, Constraints c, List<String> notes, long... seeds) {
        List<Integer> rows = new ArrayList<>();
        for (long s : seeds) {
            rows.add(index.row(s));
        }
        return new PlaylistBuilder(index, new Scorer(index, rows, 0.6, 0.4, true)).build(rows, c, notes);
    }

    @Test
    void untaggedFilesAreNotOneArtistButTheirFolderIsAnAlbum() {
        TestLibrary lib = new TestLibrary();
        for (int i = 1; i <= 6; i++) {
            lib.untagged(i, i <= 3 ? "game-a" : "game-b", "track " + i, 200, TestLibrary.sound(-i, 1000 + 50 * i, 0));
        }
        LibraryIndex index = lib.build();
        assertThat(index.artistGroup(0)).isNotEqualTo(index.artistGroup(1));
        assertThat(index.albumGroup(0)).isEqualTo(index.albumGroup(2)).isNotEqualTo(index.albumGroup(3));
        // maxPerArtist 2 and artistGap 1 would refuse six tracks of one artist
        List<Entry> entries = build(index, rules(6, 2, 1, 0, null, true), new ArrayList<>(), 1);
        assertThat(ids(entries)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        // the folder keeps the album gap
        List<Entry> apart = build(index, rules(6, 2, 0, 1, null, true), new ArrayList<>(), 1);
        for (int i = 1; i < apart.size(); i++) {
            assertThat(index.albumGroup(apart.get(i).row())).isNotEqualTo(index.albumGroup(apart.get(i - 1).row()));
        }
    }

    @Test
    void untaggedFilesOfOneTitleInDifferentFoldersAreDifferentRecordings() {
        LibraryIndex index = new TestLibrary()
                .untagged(1, "game-a", "Main Theme", 200, TestLibrary.sound(-1, 1000, 0))
                .untagged(2, "game-b", "Main Theme", 200, TestLibrary.sound(-2, 1300, 0))
                .untagged(3, "game-a", "Other", 200, TestLibrary.sound(-5, 2000, 0))
                .build();
        assertThat(index.sameRecording(0, 1)).isFalse();
        assertThat(ids(build(index, rules(3, 10, 0, 0, null, true), new ArrayList<>(), 1))).contains(2L);
    }

    @Test
    void aRepeatedTitleIsOneRecordingOnlyWithSimilarLengthAndSound() {
        LibraryIndex index = new TestLibrary()
                .track(1, "A", "Theme", 1L, 200, TestLibrary.sound(-1, 1000, 0))
                .track(2, "A", "Theme", 2L, 201, TestLibrary.sound(-1.01, 1001, 0))
                .track(3, "A", "Theme", 3L, 260, TestLibrary.sound(-1.02, 1002, 0))
                .track(4, "A", "Theme", 4L, 200, TestLibrary.sound(-9, 3000, 0))
                .track(5, "A", "Theme", 5L, 202, null)
                .track(6, "B", "Filler", 6L, 200, TestLibrary.sound(-5, 2000, 0))
                .build();
        assertThat(index.sameRecording(0, 1)).isTrue();
        assertThat(index.sameRecording(0, 2)).as("a minute longer").isFalse();
        assertThat(index.sameRecording(0, 3)).as("same length, other sound").isFalse();
        assertThat(index.sameRecording(0, 4)).as("no sound to tell them apart").isTrue();
        List<Entry> entries = build(index, rules(4, 10, 0, 0, null, true), new ArrayList<>(), 1);
        assertThat(ids(entries)).containsExactlyInAnyOrder(1L, 3L, 4L, 6L);
    }

    @Test
    void shortTracksAreLeftOutAndSaidSoButAShortSeedOpens() {
        TestLibrary lib = line("A", "B", "C", "D");
        lib.track(50, "S", "sound effect", 500L, 4, TestLibrary.sound(-0.2, 1010, 0)).genres(50, 1, 1);
        lib.track(51, "S2", "jingle seed", 501L, 20, TestLibrary.sound(0, 1000, 0)).genres(51, 1, 1);
        LibraryIndex index = lib.build();
        List<String> notes = new ArrayList<>();
        List<Entry> entries = build(index, rules(4, 10, 0, 0, 30, true), notes, 51);
        assertThat(ids(entries)).startsWith(51L).doesNotContain(50L).hasSize(4);
        assertThat(notes).anySatisfy(n -> assertThat(n).contains("Left out 1 tracks shorter than minTrackSeconds=30"));
        assertThat(ids(build(index, rules(4, 10, 0, 0, null, true), new ArrayList<>(), 51))).contains(50L);
    }

    @Test
    void unanalysedAndFailedTracksAreLeftOutUnlessAskedFor() {
        TestLibrary lib = line("A", "B", "C", "D");
        lib.track(40, "U", "unanalysed", null, 200, null).genres(40, 1, 1);
        lib.track(41, "F", "failed", null, 200, null).genres(41, 1, 1);
        lib.builder().markAnalysisFailed(41);
        LibraryIndex index = lib.build();
        assertThat(index.analysisFailed(index.row(41))).isTrue();
        List<String> notes = new ArrayList<>();
        List<Entry> entries = build(index, rules(4, 10, 0, 0, null, false), notes, 1);
        assertThat(ids(entries)).doesNotContain(40L, 41L).hasSize(4);
        assertThat(notes).anySatisfy(n -> assertThat(n)
                .contains("Left out 2 tracks without a sonic analysis (1 failed or unsupported, 1 not analysed yet)")
                .contains("includeUnanalysed=true"));
        assertThat(ids(build(index, rules(6, 10, 0, 0, null, true), new ArrayList<>(), 1))).contains(40L, 41L);
    }

    @Test
    void aTrackWithoutEvidenceNeverPassesOneWithEvidence() {
        LibraryIndex index = new TestLibrary()
                .track(1, "Seed", "seed", null, 200, TestLibrary.sound(-10, 1000, 0))
                .track(2, "Near", "near", null, 200, TestLibrary.sound(-14, 1800, 0))
                .track(3, "Far", "far", null, 200, TestLibrary.sound(-25, 4000, 0))
                .track(4, "Nothing", "no sound, no genre", null, 200, null)
                .genres(1, 1, 1)
                .build();
        Scorer scorer = new Scorer(index, List.of(0), 0.6, 0.4, true);
        assertThat(scorer.total(3)).as("the stand-in score beats the far track's").isGreaterThan(scorer.total(2));
        assertThat(scorer.hasEvidence(3)).isFalse();
        assertThat(scorer.hasEvidence(2)).isTrue();
        assertThat(ids(build(index, rules(3, 10, 0, 0, null, true), new ArrayList<>(), 1))).containsExactly(1L, 2L, 3L);
        assertThat(ids(build(index, rules(4, 10, 0, 0, null, true), new ArrayList<>(), 1))).containsExactly(1L, 2L, 3L, 4L);
    }
}
