import dev.segue.schema.sonic.SonicLayout;
import dev.segue.sonic.analysis.TrackAnalyzer;
import dev.segue.sonic.audio.FfmpegDecoder;
import dev.segue.sonic.audio.SegmentPlan;
import dev.segue.sonic.features.FeatureLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * How well sets of sonic features separate soundtracks: runs the sonic-service extractor over a corpus (one
 * folder per soundtrack, the label), then prints same-folder precision@10 of the average segment's vector
 * under z-scored Euclidean distance against the random expectation Σ_f (n_f/N)·((n_f−1)/(N−1)), for version
 * 1's features, the whole current layout, each feature family added to version 1, each family left out of the
 * current layout, and checks that the choice generalises: families chosen greedily on half of every folder's
 * tracks and measured on the other half, and on six soundtracks and measured on the seventh.
 * Run through bench/sonic/features/run.sh; see docs/benchmarks.md.
 */
public class FeatureQuality {

    record Track(String folder, String file, float[] v) {
    }

    /** Feature families by name: a family is kept or left out as a whole. */
    static final Map<String, Predicate<String>> FAMILIES = new LinkedHashMap<>();

    static {
        FAMILIES.put("v1 loudness", n -> n.equals("loudness_db") || n.equals("dynamic_range_db"));
        FAMILIES.put("v1 spectral shape", n -> n.matches("(centroid|rolloff|bandwidth)_(mean|std)_hz|flatness_(mean|std)|zcr"));
        FAMILIES.put("v1 flux", n -> n.matches("flux_(mean|std)"));
        FAMILIES.put("v1 mfcc", n -> n.matches("mfcc_\\d+"));
        FAMILIES.put("v1 chroma", n -> n.startsWith("chroma_"));
        FAMILIES.put("v1 tempo/key/onsets", n -> n.matches("tempo_bpm|tempo_confidence|key|mode|key_confidence|onset_rate"));
        FAMILIES.put("mfcc std", n -> n.startsWith("mfcc_std_"));
        FAMILIES.put("mfcc delta", n -> n.startsWith("mfcc_delta_"));
        FAMILIES.put("band flux", n -> n.startsWith("band_flux_"));
        FAMILIES.put("contrast", n -> n.matches("contrast_\\d+"));
        FAMILIES.put("contrast std", n -> n.startsWith("contrast_std_"));
        FAMILIES.put("valley", n -> n.startsWith("valley_db_"));
        FAMILIES.put("band share", n -> n.startsWith("band_share_db_"));
        FAMILIES.put("band flatness", n -> n.startsWith("flatness_band_"));
        FAMILIES.put("fluctuation", n -> n.startsWith("fluctuation_"));
        FAMILIES.put("crest/low energy", n -> n.equals("crest_db") || n.equals("low_energy_ratio"));
        FAMILIES.put("onset periodicity", n -> n.equals("pulse_clarity") || n.startsWith("onset_acf_"));
    }

    static final int K = 10;

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        Path cache = Path.of(args[1]);
        List<String> names = FeatureLayout.NAMES;
        List<Track> cached = load(cache, names);
        if (cached == null) {
            cached = analyse(corpus);
            save(cache, names, cached);
        }
        List<Track> tracks = cached;
        System.out.printf(Locale.ROOT, "corpus %s: %d tracks in %d folders, layout v%d (%d features)%n", corpus,
                tracks.size(), tracks.stream().map(Track::folder).distinct().count(), FeatureLayout.ANALYZER_VERSION,
                names.size());
        int[] all = IntStream.range(0, tracks.size()).toArray();
        System.out.printf(Locale.ROOT, "random expectation %.3f%n", random(tracks, all));

        List<String> families = families(names);
        int[] v1 = indices(names, n -> SonicLayout.V1.has(n));
        int[] current = IntStream.range(0, names.size()).toArray();
        report("v1 (44)", tracks, all, v1, true);
        report("v" + FeatureLayout.ANALYZER_VERSION + " (" + names.size() + ")", tracks, all, current, true);
        if (args.length > 2) {
            // a proposal: the current layout without the families named (comma-separated)
            List<String> left = List.of(args[2].split(","));
            int[] proposal = indices(names, byFamilies(left).negate());
            report("without " + left + " (" + proposal.length + ")", tracks, all, proposal, true);
            int[][] h = halves(tracks);
            System.out.printf(Locale.ROOT, "  halves: %s / %s (v1 %s / %s)%n", ratio(tracks, h[0], proposal),
                    ratio(tracks, h[1], proposal), ratio(tracks, h[0], v1), ratio(tracks, h[1], v1));
        }
        System.out.println("\n-- v1 + one family / the family alone");
        for (String f : families) {
            if (f.startsWith("v1 ")) {
                continue;
            }
            int[] fam = indices(names, FAMILIES.get(f));
            System.out.printf(Locale.ROOT, "%-22s v1+family %s   alone %s%n", f, ratio(tracks, all, union(v1, fam)),
                    ratio(tracks, all, fam));
        }
        System.out.println("\n-- the current layout without one family (ablation)");
        for (String f : families) {
            int[] without = indices(names, FAMILIES.get(f).negate());
            System.out.printf(Locale.ROOT, "%-22s without %s   alone %s%n", f, ratio(tracks, all, without),
                    ratio(tracks, all, indices(names, FAMILIES.get(f))));
        }

        System.out.println("\n-- greedy family selection on half of each folder, measured on the other half");
        int[][] halves = halves(tracks);
        for (int h = 0; h < 2; h++) {
            List<String> chosen = greedy(tracks, halves[h], names, families);
            int[] set = indices(names, byFamilies(chosen));
            System.out.printf(Locale.ROOT, "chosen on half %d: %s%n  on half %d: chosen %s, v1 %s, all %s%n", h, chosen,
                    1 - h, ratio(tracks, halves[1 - h], set), ratio(tracks, halves[1 - h], v1),
                    ratio(tracks, halves[1 - h], current));
        }

        System.out.println("\n-- leave one soundtrack out: families chosen on the others; the held-out folder's tracks queried in the whole corpus");
        List<String> folders = tracks.stream().map(Track::folder).distinct().sorted().toList();
        for (String held : folders) {
            int[] others = IntStream.range(0, tracks.size()).filter(i -> !tracks.get(i).folder().equals(held)).toArray();
            List<String> chosen = greedy(tracks, others, names, families);
            int[] set = indices(names, byFamilies(chosen));
            System.out.printf(Locale.ROOT, "%-22s chosen %s: held-out p@10 %.3f (v1 %.3f, all %.3f)%n", held, chosen,
                    folderPrecision(tracks, all, set, held), folderPrecision(tracks, all, v1, held),
                    folderPrecision(tracks, all, current, held));
        }
    }

    /** Forward selection of families by precision on {@code rows}, stopping when no family adds 0.005. */
    static List<String> greedy(List<Track> tracks, int[] rows, List<String> names, List<String> families) {
        List<String> chosen = new ArrayList<>();
        double best = 0;
        while (true) {
            String pick = null;
            double pickScore = best;
            for (String f : families) {
                if (chosen.contains(f)) {
                    continue;
                }
                List<String> trial = new ArrayList<>(chosen);
                trial.add(f);
                double p = precision(tracks, rows, indices(names, byFamilies(trial)), null);
                if (p > pickScore + 0.005) {
                    pickScore = p;
                    pick = f;
                }
            }
            if (pick == null) {
                return chosen;
            }
            chosen.add(pick);
            best = pickScore;
        }
    }

    static Predicate<String> byFamilies(List<String> families) {
        return n -> families.stream().anyMatch(f -> FAMILIES.get(f).test(n));
    }

    static List<String> families(List<String> names) {
        return FAMILIES.keySet().stream().filter(f -> names.stream().anyMatch(FAMILIES.get(f))).toList();
    }

    static void report(String label, List<Track> tracks, int[] rows, int[] features, boolean perFolder) {
        System.out.printf(Locale.ROOT, "%-22s %s%n", label, ratio(tracks, rows, features));
        if (perFolder) {
            for (String folder : tracks.stream().map(Track::folder).distinct().sorted().toList()) {
                long n = Arrays.stream(rows).filter(i -> tracks.get(i).folder().equals(folder)).count();
                double rnd = (n - 1) / (double) (rows.length - 1);
                double p = folderPrecision(tracks, rows, features, folder);
                System.out.printf(Locale.ROOT, "    %-22s n=%3d p@10 %.3f random %.3f (%.2f×)%n", folder, n, p, rnd, p / rnd);
            }
        }
    }

    static String ratio(List<Track> tracks, int[] rows, int[] features) {
        double p = precision(tracks, rows, features, null);
        return String.format(Locale.ROOT, "p@10 %.3f (%.2f× random)", p, p / random(tracks, rows));
    }

    static double folderPrecision(List<Track> tracks, int[] rows, int[] features, String folder) {
        return precision(tracks, rows, features, folder);
    }

    static double random(List<Track> tracks, int[] rows) {
        Map<String, Long> counts = Arrays.stream(rows).mapToObj(i -> tracks.get(i).folder())
                .collect(Collectors.groupingBy(f -> f, Collectors.counting()));
        double n = rows.length;
        return counts.values().stream().mapToDouble(c -> c / n * (c - 1) / (n - 1)).sum();
    }

    /**
     * Mean same-folder share of each query's {@value #K} nearest rows (z-scores over {@code rows}); queries
     * are every row, or only those of {@code queryFolder}.
     */
    static double precision(List<Track> tracks, int[] rows, int[] features, String queryFolder) {
        int n = rows.length;
        int d = features.length;
        double[][] z = new double[n][d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            double sumSq = 0;
            for (int r = 0; r < n; r++) {
                double x = tracks.get(rows[r]).v()[features[j]];
                sum += x;
                sumSq += x * x;
            }
            double mean = sum / n;
            double sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
            for (int r = 0; r < n; r++) {
                z[r][j] = sd > 1e-9 ? (tracks.get(rows[r]).v()[features[j]] - mean) / sd : 0;
            }
        }
        double total = 0;
        int queries = 0;
        for (int q = 0; q < n; q++) {
            String folder = tracks.get(rows[q]).folder();
            if (queryFolder != null && !folder.equals(queryFolder)) {
                continue;
            }
            double[] dist = new double[n];
            Integer[] order = new Integer[n];
            for (int r = 0; r < n; r++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = z[q][j] - z[r][j];
                    s += diff * diff;
                }
                dist[r] = r == q ? Double.POSITIVE_INFINITY : s;
                order[r] = r;
            }
            Arrays.sort(order, (a, b) -> Double.compare(dist[a], dist[b]));
            int same = 0;
            for (int k = 0; k < K; k++) {
                same += tracks.get(rows[order[k]]).folder().equals(folder) ? 1 : 0;
            }
            total += same / (double) K;
            queries++;
        }
        return total / queries;
    }

    static int[][] halves(List<Track> tracks) {
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < tracks.size(); i++) {
            int k = seen.merge(tracks.get(i).folder(), 1, Integer::sum);
            (k % 2 == 0 ? a : b).add(i);
        }
        return new int[][] {a.stream().mapToInt(Integer::intValue).toArray(), b.stream().mapToInt(Integer::intValue).toArray()};
    }

    static int[] indices(List<String> names, Predicate<String> keep) {
        return IntStream.range(0, names.size()).filter(i -> keep.test(names.get(i))).toArray();
    }

    static int[] union(int[] a, int[] b) {
        return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().sorted().toArray();
    }

    static List<Track> analyse(Path corpus) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus, 2)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.getParent() != null && !p.getParent().equals(corpus))
                    .filter(p -> p.getFileName().toString().matches("(?i).*\\.(ogg|oga|opus|mp3|flac|wav)"))
                    .sorted().toList();
        }
        Path tmp = Files.createTempDirectory("feature-quality");
        TrackAnalyzer analyzer = new TrackAnalyzer(new FfmpegDecoder("ffmpeg", "ffprobe", tmp), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofHours(4), Duration.ofSeconds(60));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<TrackAnalyzer.Outcome>>> futures = new ArrayList<>();
        for (int i = 0; i < files.size(); i += 8) {
            List<TrackAnalyzer.Input> batch = files.subList(i, Math.min(files.size(), i + 8)).stream()
                    .map(f -> new TrackAnalyzer.Input(f, null)).toList();
            futures.add(pool.submit(() -> analyzer.analyseAll(batch)));
        }
        List<Track> tracks = new ArrayList<>();
        int file = 0;
        for (Future<List<TrackAnalyzer.Outcome>> f : futures) {
            for (TrackAnalyzer.Outcome o : f.get()) {
                Path p = files.get(file++);
                if (!o.status().equals(TrackAnalyzer.OK)) {
                    System.out.printf("skipped %s: %s %s%n", p, o.status(), o.error());
                    continue;
                }
                float[] avg = o.segments().stream().filter(s -> s.segment().equals(SegmentPlan.AVERAGE)).findFirst()
                        .orElseThrow().features();
                tracks.add(new Track(p.getParent().getFileName().toString(), p.getFileName().toString(), avg));
            }
        }
        pool.shutdown();
        return tracks;
    }

    /** The cached vectors, or null when there are none for this layout. */
    static List<Track> load(Path cache, List<String> names) throws IOException {
        if (!Files.exists(cache)) {
            return null;
        }
        List<String> lines = Files.readAllLines(cache);
        if (lines.isEmpty() || !lines.getFirst().equals("folder\tfile\t" + String.join("\t", names))) {
            return null;
        }
        List<Track> tracks = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            float[] v = new float[names.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = Float.parseFloat(f[i + 2]);
            }
            tracks.add(new Track(f[0], f[1], v));
        }
        return tracks;
    }

    static void save(Path cache, List<String> names, List<Track> tracks) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("folder\tfile\t" + String.join("\t", names));
        for (Track t : tracks) {
            StringBuilder sb = new StringBuilder(t.folder()).append('\t').append(t.file());
            for (float x : t.v()) {
                sb.append('\t').append(x);
            }
            lines.add(sb.toString());
        }
        Files.write(cache, lines);
    }
}
