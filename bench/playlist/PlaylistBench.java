import dev.segue.playlist.index.Features;
import dev.segue.playlist.index.GenreLevel;
import dev.segue.playlist.index.GenreRows;
import dev.segue.playlist.index.IndexBuilder;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.Segment;
import dev.segue.playlist.index.TrackInfo;
import dev.segue.playlist.index.VectorSource;
import dev.segue.playlist.playlist.Constraints;
import dev.segue.playlist.playlist.Entry;
import dev.segue.playlist.playlist.Ordering;
import dev.segue.playlist.playlist.PlaylistBuilder;
import dev.segue.playlist.similarity.Scorer;
import dev.segue.schema.sonic.SonicLayout;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * playlist-service benchmark: a synthetic 33,636-track library (2,100 artists, 3,757 albums, a 300-genre
 * vocabulary with parents, 90 % analysed) loaded through the index's own builder API, then
 * 50-track transition-ordered playlists and 20-track neighbour lists from random seeds.
 * Prints the index's heap (delta after GC, builder state included) and p50/p95/max latency. As in the service,
 * the builder holds no raw vectors: it reads them at each build from a source, here one that generates each
 * track's again from its id (the service's reads the database).
 */
public class PlaylistBench {

    static final int TRACKS = 33_636;
    static final int ALBUMS = 3_757;
    static final int ARTISTS = 2_100;
    static final int GENRES = 300;
    static final int TOP_GENRES = 30;
    /** What sonic-service writes today: version 1's 44 features at their positions, then 49 texture features. */
    static final SonicLayout LAYOUT = SonicLayout.V2;
    static final int DIMS = LAYOUT.size();
    /** Thread CPU time next to wall time: on a machine shared with other builds it is the load-independent cost. */
    static final java.lang.management.ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Random rnd = new Random(42);
        long before = usedHeapAfterGc();
        long t0 = System.nanoTime();
        IndexBuilder builder = synthetic(rnd);
        LibraryIndex index = builder.build();
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        long after = usedHeapAfterGc();
        System.out.printf("library: %d tracks, %d analysed, %d artists, %d albums, %d genres%n", index.size(),
                index.sonic().analysedCount(), ARTISTS, ALBUMS, GENRES);
        System.out.printf("index build (builder state, raw vectors read from the source): %d ms; rebuild: %d ms%n", buildMs, rebuildMs(builder));
        System.out.printf("index memory: %.1f MB heap delta after GC (builder state + snapshot + metadata); "
                + "vector/genre arrays of the snapshot alone: %.1f MB%n", (after - before) / 1e6, index.estimatedVectorBytes() / 1e6);

        // the service's defaults: at least 30 s, unanalysed tracks left out
        Constraints playlist = new Constraints(50, 0, 4, 1, 0, 30, null, null, Set.of(), Ordering.TRANSITION, false, false);
        Constraints byScore = new Constraints(50, 0, 4, 1, 0, 30, null, null, Set.of(), Ordering.SCORE, false, false);
        int[] seeds = new int[runs];
        for (int i = 0; i < runs; i++) {
            seeds[i] = rnd.nextInt(index.size());
        }
        for (int i = 0; i < 100; i++) {
            build(index, seeds[i % runs], playlist);
            build(index, seeds[i % runs], Constraints.neighbours(21));
        }
        long[] playlistNs = new long[runs];
        long[] similarNs = new long[runs];
        long[] playlistCpu = new long[runs];
        long[] similarCpu = new long[runs];
        double transitionSum = 0;
        double scoreSum = 0;
        int counted = 0;
        for (int i = 0; i < runs; i++) {
            long c = CPU.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            List<Entry> p = build(index, seeds[i], playlist);
            playlistNs[i] = System.nanoTime() - s;
            playlistCpu[i] = CPU.getCurrentThreadCpuTime() - c;
            c = CPU.getCurrentThreadCpuTime();
            s = System.nanoTime();
            build(index, seeds[i], Constraints.neighbours(21));
            similarNs[i] = System.nanoTime() - s;
            similarCpu[i] = CPU.getCurrentThreadCpuTime() - c;
            List<Entry> q = build(index, seeds[i], byScore);
            double mt = meanTransition(p);
            double ms = meanTransition(q);
            if (!Double.isNaN(mt) && !Double.isNaN(ms)) {
                transitionSum += mt;
                scoreSum += ms;
                counted++;
            }
        }
        firstPass(index, seeds, playlist);
        long[] floorCpu = new long[runs];
        long[] floorNs = floor(index, runs, floorCpu);
        long floorP50 = percentile(floorNs, 0.5);
        print("50-track transition-ordered playlist", playlistNs);
        print("/similar (20 neighbours)", similarNs);
        print("floor: one plain dot product of a seed with all " + index.size() + " vectors ("
                + index.sonic().continuousCount() + " floats each)", floorNs);
        System.out.printf("ratio to the floor (p50 / p50): playlist %.1f, /similar %.1f%n",
                (double) percentile(playlistNs, 0.5) / floorP50, (double) percentile(similarNs, 0.5) / floorP50);
        long floorCpuP50 = percentile(floorCpu, 0.5);
        System.out.printf("thread CPU time (what the request cost, waits for a core left out): playlist p50 %.2f ms, "
                + "/similar p50 %.2f ms, floor p50 %.2f ms; ratio to the floor: playlist %.1f, /similar %.1f%n",
                percentile(playlistCpu, 0.5) / 1e6, percentile(similarCpu, 0.5) / 1e6, floorCpuP50 / 1e6,
                (double) percentile(playlistCpu, 0.5) / floorCpuP50, (double) percentile(similarCpu, 0.5) / floorCpuP50);
        System.out.printf("mean transition score over %d playlists: transition-ordered %.4f, score-ordered %.4f%n", counted,
                transitionSum / counted, scoreSum / counted);
        duringRefresh(builder, index, seeds, playlist);
    }

    /**
     * The same requests while another thread rebuilds the index back to back, as IndexService does on a
     * refresh with changes: requests keep reading the snapshot they hold, so only CPU is shared.
     */
    static void duringRefresh(IndexBuilder builder, LibraryIndex first, int[] seeds, Constraints playlist) {
        java.util.concurrent.atomic.AtomicReference<LibraryIndex> current = new java.util.concurrent.atomic.AtomicReference<>(first);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger rebuilds = new java.util.concurrent.atomic.AtomicInteger();
        Thread refresher = new Thread(() -> {
            while (!stop.get()) {
                current.set(builder.build());
                rebuilds.incrementAndGet();
            }
        }, "refresh");
        refresher.setDaemon(true);
        refresher.start();
        int runs = seeds.length;
        long[] playlistNs = new long[runs];
        long[] similarNs = new long[runs];
        for (int i = 0; i < runs; i++) {
            LibraryIndex index = current.get();
            long s = System.nanoTime();
            build(index, seeds[i], playlist);
            playlistNs[i] = System.nanoTime() - s;
            s = System.nanoTime();
            build(index, seeds[i], Constraints.neighbours(21));
            similarNs[i] = System.nanoTime() - s;
        }
        stop.set(true);
        try {
            refresher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.printf("during back-to-back index rebuilds (%d rebuilds on another thread):%n", rebuilds.get());
        print("  50-track transition-ordered playlist", playlistNs);
        print("  /similar (20 neighbours)", similarNs);
    }

    /**
     * The first pass alone (constructing the Scorer: bounds of every row, genre lists, the seed's exact score) and how
     * many rows a playlist and a /similar list scored exactly after it.
     */
    static void firstPass(LibraryIndex index, int[] seeds, Constraints playlist) {
        int runs = seeds.length;
        long[] cpu = new long[runs];
        long[] playlistRows = new long[runs];
        long[] similarRows = new long[runs];
        for (int i = 0; i < runs; i++) {
            long c = CPU.getCurrentThreadCpuTime();
            Scorer scorer = new Scorer(index, List.of(seeds[i]), 0.6, 0.4, true);
            cpu[i] = CPU.getCurrentThreadCpuTime() - c;
            new PlaylistBuilder(index, scorer).build(List.of(seeds[i]), playlist, new ArrayList<>());
            playlistRows[i] = scorer.rescored();
            Scorer neighbours = new Scorer(index, List.of(seeds[i]), 0.6, 0.4, true);
            new PlaylistBuilder(index, neighbours).build(List.of(seeds[i]), Constraints.neighbours(21), new ArrayList<>());
            similarRows[i] = neighbours.rescored();
        }
        System.out.printf("first pass (Scorer: bounds of all %d rows, genres): thread CPU p50 %.2f ms, p95 %.2f ms%n", index.size(),
                percentile(cpu, 0.5) / 1e6, percentile(cpu, 0.95) / 1e6);
        System.out.printf("rows re-scored exactly: playlist p50 %d, p95 %d, mean %.0f; /similar p50 %d, p95 %d, mean %.0f "
                + "(the 1,000-row sample of the stand-in score when an unanalysed track reaches the list)%n", percentile(playlistRows, 0.5),
                percentile(playlistRows, 0.95), Arrays.stream(playlistRows).average().orElse(0), percentile(similarRows, 0.5),
                percentile(similarRows, 0.95), Arrays.stream(similarRows).average().orElse(0));
    }

    /** The floor: a plain row-major dot product of one seed vector with every track's, nothing else. */
    static long[] floor(LibraryIndex index, int runs, long[] cpu) {
        int n = index.size();
        int c = index.sonic().continuousCount();
        float[] flat = new float[n * c];
        Random rnd = new Random(1);
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) rnd.nextGaussian();
        }
        float[] out = new float[n];
        long[] ns = new long[runs];
        double sink = 0;
        for (int i = 0; i < runs + 100; i++) {
            int seed = rnd.nextInt(n);
            long c0 = CPU.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            for (int r = 0; r < n; r++) {
                float dot = 0;
                for (int j = 0; j < c; j++) {
                    dot += flat[seed * c + j] * flat[r * c + j];
                }
                out[r] = dot;
            }
            long t = System.nanoTime() - s;
            long ct = CPU.getCurrentThreadCpuTime() - c0;
            sink += out[rnd.nextInt(n)];
            if (i >= 100) {
                ns[i - 100] = t;
                cpu[i - 100] = ct;
            }
        }
        if (sink == 42) {
            System.out.println();
        }
        return ns;
    }

    static long percentile(long[] ns, double q) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * q) - 1)];
    }

    static List<Entry> build(LibraryIndex index, int seed, Constraints c) {
        Scorer scorer = new Scorer(index, List.of(seed), 0.6, 0.4, true);
        return new PlaylistBuilder(index, scorer).build(List.of(seed), c, new ArrayList<>());
    }

    static double meanTransition(List<Entry> entries) {
        return entries.stream().mapToDouble(Entry::transition).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
    }

    static long rebuildMs(IndexBuilder builder) {
        long s = System.nanoTime();
        builder.build();
        return (System.nanoTime() - s) / 1_000_000;
    }

    static void print(String what, long[] ns) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: p50 %.2f ms, p95 %.2f ms, max %.2f ms (%d runs)%n", what, sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Artists have a style (a point in feature space) and 1-3 genres; albums and tracks vary around them. */
    static IndexBuilder synthetic(Random rnd) {
        int[] trackArtist = new int[TRACKS + 1];
        float[][] artistStyle = new float[ARTISTS][];
        IndexBuilder b = new IndexBuilder(new Regenerated(trackArtist, artistStyle));
        b.setAnalyzerVersion(LAYOUT.analyzerVersion());
        Map<Long, Long> parents = new HashMap<>();
        for (long g = TOP_GENRES + 1; g <= GENRES; g++) {
            parents.put(g, 1 + (g % TOP_GENRES));
        }
        b.setGenreParents(parents);
        for (int a = 0; a < ARTISTS; a++) {
            artistStyle[a] = style(rnd);
            int n = 1 + rnd.nextInt(3);
            long[] g = new long[n];
            byte[] s = new byte[n];
            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = 1 + rnd.nextInt(GENRES);
                s[i] = (byte) rnd.nextInt(3);
                w[i] = 0.3f + 0.7f * rnd.nextFloat();
            }
            b.putGenres(GenreLevel.ARTIST, a, new GenreRows(g, s, w));
        }
        int[] albumArtist = new int[ALBUMS];
        for (int al = 0; al < ALBUMS; al++) {
            albumArtist[al] = al < ARTISTS ? al : rnd.nextInt(ARTISTS);
            if (rnd.nextInt(3) > 0) {
                b.putGenres(GenreLevel.ALBUM, al, new GenreRows(new long[] {1 + rnd.nextInt(GENRES)}, new byte[] {1},
                        new float[] {0.5f + 0.5f * rnd.nextFloat()}));
            }
        }
        for (int t = 0; t < TRACKS; t++) {
            int al = t < ALBUMS ? t : rnd.nextInt(ALBUMS);
            int a = albumArtist[al];
            long id = t + 1;
            b.putTrack(new TrackInfo(id, "Track " + t + " " + Long.toHexString(rnd.nextLong()), a, "Artist " + a, (long) al,
                    "Album " + al, 120_000 + rnd.nextInt(300_000), "/music/Artist " + a + "/Album " + al + "/" + t + ".flac", true));
            if (rnd.nextInt(10) > 0) {
                trackArtist[(int) id] = a;
                b.putVectors(id, track(artistStyle[a], new Random(id)));
            }
            if (rnd.nextInt(10) < 3) {
                b.putGenres(GenreLevel.TRACK, id, new GenreRows(new long[] {1 + rnd.nextInt(GENRES)}, new byte[] {0},
                        new float[] {1f}));
            }
        }
        return b;
    }

    /** The vector source of the benchmark: a track's vectors generated again from its artist's style and its id. */
    record Regenerated(int[] trackArtist, float[][] artistStyle) implements VectorSource {
        @Override
        public void read(int analyzerVersion, int length, long[] trackIds, float[][] out) {
            for (int i = 0; i < trackIds.length; i++) {
                out[i] = track(artistStyle[trackArtist[(int) trackIds[i]]], new Random(trackIds[i]));
            }
        }
    }

    static float[] style(Random rnd) {
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

    static float[] track(float[] style, Random rnd) {
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
}
