package dev.segue.playlist.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.segue.playlist.index.Features;
import dev.segue.playlist.index.GenreLevel;
import dev.segue.playlist.index.GenreRows;
import dev.segue.playlist.index.IndexBuilder;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.Segment;
import dev.segue.playlist.index.TrackInfo;
import dev.segue.playlist.playlist.Constraints;
import dev.segue.playlist.playlist.Entry;
import dev.segue.playlist.playlist.Ordering;
import dev.segue.playlist.playlist.PlaylistBuilder;
import dev.segue.schema.sonic.SonicLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scores, /similar lists and playlists on a fixture library in analyzer version 2's layout against the
 * outputs the scoring produced before issue 19's rewrite (src/test/resources/golden/scoring-v2.tsv, written by
 * that implementation): every score to 1e-6, every list in the same order. Any change to the scoring fails
 * here; a deliberate one regenerates the file with {@code -Dsegue.golden.write=true} and says why in the commit.
 */
class GoldenScoringTest {

    private static final String RESOURCE = "/golden/scoring-v2.tsv";
    private static final Path SOURCE = Path.of("src/test/resources/golden/scoring-v2.tsv");
    private static final SonicLayout LAYOUT = SonicLayout.V2;
    private static final int DIMS = LAYOUT.size();

    /**
     * 900 tracks by 45 artists in 120 albums, a sound per artist and variations per track (90 % analysed), a
     * 40-genre vocabulary with parents on artists, albums and some tracks, and a few recordings filed twice.
     */
    static LibraryIndex library() {
        Random rnd = new Random(19);
        IndexBuilder b = new IndexBuilder();
        b.setAnalyzerVersion(LAYOUT.analyzerVersion());
        Map<Long, Long> parents = new HashMap<>();
        for (long g = 9; g <= 40; g++) {
            parents.put(g, 1 + g % 8);
        }
        b.setGenreParents(parents);
        int artists = 45;
        float[][] style = new float[artists][];
        for (int a = 0; a < artists; a++) {
            style[a] = style(rnd);
            int n = 1 + rnd.nextInt(3);
            long[] g = new long[n];
            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = 1 + rnd.nextInt(40);
                w[i] = 0.3f + 0.7f * rnd.nextFloat();
            }
            b.putGenres(GenreLevel.ARTIST, a, new GenreRows(g, new byte[n], w));
        }
        for (int al = 0; al < 120; al++) {
            if (al % 3 > 0) {
                b.putGenres(GenreLevel.ALBUM, al, new GenreRows(new long[] {1 + rnd.nextInt(40)}, new byte[] {1},
                        new float[] {0.5f + 0.5f * rnd.nextFloat()}));
            }
        }
        float[] last = null;
        for (int t = 0; t < 900; t++) {
            int al = t % 120;
            int a = al % artists;
            long id = t + 1;
            // every 50th track is a second file of the track before it: same artist, title and sound
            boolean copy = t % 50 == 49;
            String title = "Track " + (copy ? t - 1 : t);
            b.putTrack(new TrackInfo(id, title, a, "Artist " + a, (long) al, "Album " + al,
                    copy ? 150_000 + (t - 1) * 97 % 200_000 : 150_000 + t * 97 % 200_000, "/music/" + a + "/" + t + ".flac", true));
            float[] v = track(style[a], rnd);
            if (copy && last != null) {
                b.putVectors(id, last);
            } else if (!copy && t % 10 != 3) {
                b.putVectors(id, v);
                last = v;
            }
            if (t % 4 == 0) {
                b.putGenres(GenreLevel.TRACK, id, new GenreRows(new long[] {1 + rnd.nextInt(40)}, new byte[1], new float[] {1f}));
            }
        }
        return b.build();
    }

    private static float[] style(Random rnd) {
        float[] v = new float[DIMS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        v[Features.LOUDNESS_DB] = (float) (-14 + 4 * rnd.nextGaussian());
        v[Features.CENTROID_MEAN] = (float) (2000 + 600 * rnd.nextGaussian());
        v[Features.TEMPO_BPM] = (float) (70 + 100 * rnd.nextDouble());
        v[Features.TEMPO_CONFIDENCE] = (float) rnd.nextDouble();
        v[Features.KEY] = rnd.nextInt(12);
        v[Features.MODE] = rnd.nextInt(2);
        v[Features.KEY_CONFIDENCE] = (float) rnd.nextDouble();
        return v;
    }

    private static float[] track(float[] style, Random rnd) {
        float[] raw = new float[Segment.COUNT * DIMS];
        float[] own = style.clone();
        for (int i = 0; i < own.length; i++) {
            if (i != Features.KEY && i != Features.MODE) {
                own[i] += (float) (0.5 * rnd.nextGaussian() * Math.max(1, Math.abs(style[i]) * 0.1));
            }
        }
        for (Segment s : Segment.values()) {
            for (int i = 0; i < DIMS; i++) {
                float x = own[i];
                if (s != Segment.AVERAGE && i != Features.KEY && i != Features.MODE && i != Features.TEMPO_BPM) {
                    x += (float) (0.3 * rnd.nextGaussian() * Math.max(1, Math.abs(own[i]) * 0.1));
                }
                raw[s.ordinal() * DIMS + i] = x;
            }
        }
        return raw;
    }

    /** Seeds (rows) of the cases: analysed, unanalysed (genre-only scoring), a copy, and two seeds together. */
    private static final int[][] SEEDS = {{0}, {3}, {48}, {211}, {517}, {860}, {17, 440}};

    /** Every line the current implementation produces on the fixture, in the golden file's format. */
    static List<String> lines(LibraryIndex index) {
        Constraints transition = new Constraints(50, 0, 4, 1, 0, 30, null, null, Set.of(), Ordering.TRANSITION, false, false);
        Constraints byScore = new Constraints(30, 0, 3, 1, 1, null, null, null, Set.of(), Ordering.SCORE, false, true);
        Constraints similar = Constraints.neighbours(21);
        List<String> out = new ArrayList<>();
        for (int[] seedRows : SEEDS) {
            List<Integer> seeds = java.util.Arrays.stream(seedRows).boxed().toList();
            String name = seeds.toString().replace(" ", "");
            Scorer scorer = new Scorer(index, seeds, 0.6, 0.4, true);
            for (int r = 0; r < index.size(); r++) {
                out.add(String.join("\t", "row", name, Integer.toString(r), num(scorer.sonic(r)), num(scorer.genre(r)),
                        num(scorer.total(r))));
            }
            list(out, "similar", name, new PlaylistBuilder(index, scorer).build(seeds, similar, new ArrayList<>()));
            list(out, "transition", name, new PlaylistBuilder(index, scorer).build(seeds, transition, new ArrayList<>()));
            list(out, "score", name, new PlaylistBuilder(index, scorer).build(seeds, byScore, new ArrayList<>()));
            Scorer genreOnly = new Scorer(index, seeds, 0.6, 0.4, false);
            list(out, "genre-only", name, new PlaylistBuilder(index, genreOnly).build(seeds, similar, new ArrayList<>()));
        }
        return out;
    }

    private static void list(List<String> out, String kind, String seeds, List<Entry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            out.add(String.join("\t", kind, seeds, Integer.toString(i), Long.toString(e.trackId()), num(e.sonic()),
                    num(e.genre()), num(e.transition()), num(e.total())));
        }
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%.12f", x);
    }

    private static List<String> expected() throws IOException {
        if (Boolean.getBoolean("segue.golden.write")) {
            return Files.readAllLines(SOURCE, StandardCharsets.UTF_8);
        }
        try (InputStream in = GoldenScoringTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void scoresAndListsEqualTheReference() throws IOException {
        List<String> actual = lines(library());
        if (Boolean.getBoolean("segue.golden.write")) {
            Files.createDirectories(SOURCE.getParent());
            Files.write(SOURCE, actual, StandardCharsets.UTF_8);
        }
        List<String> expected = expected();
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            String[] want = expected.get(i).split("\t");
            String[] got = actual.get(i).split("\t");
            // kind, seeds, position and (for lists) the track id must match exactly: the same order
            int exact = want[0].equals("row") ? 3 : 4;
            for (int f = 0; f < exact; f++) {
                assertThat(got[f]).as("line %d field %d: %s", i + 1, f, expected.get(i)).isEqualTo(want[f]);
            }
            for (int f = exact; f < want.length; f++) {
                double w = Double.parseDouble(want[f]);
                double g = Double.parseDouble(got[f]);
                if (Double.isNaN(w)) {
                    assertThat(g).as("line %d field %d: %s", i + 1, f, expected.get(i)).isNaN();
                } else {
                    assertThat(g).as("line %d field %d: %s", i + 1, f, expected.get(i)).isCloseTo(w, within(1e-6));
                }
            }
        }
    }
}
