import dev.segue.sonic.analysis.TrackAnalyzer;
import dev.segue.sonic.audio.AudioDecoder;
import dev.segue.sonic.audio.FfmpegDecoder;
import dev.segue.sonic.audio.JavaSoundDecoder;
import dev.segue.sonic.audio.SegmentPlan;
import dev.segue.sonic.features.FeatureLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Sonic analysis throughput (1 and 2 threads), the ffmpeg decode-only floor for the same segments,
 * the pure-Java decoders, peak RSS, and tempo agreement with `aubio tempo` on the Debian music.
 * Run through bench/sonic/run.sh.
 */
public class SonicBench {

    /** The service defaults; a third argument overrides the segment length (seconds) to show its cost. */
    static Duration SEGMENT = Duration.ofSeconds(30);
    static final Duration SEARCH = Duration.ofSeconds(5);

    public static void main(String[] args) throws Exception {
        Path mp3Dir = Path.of(args[0]);
        Path musicDir = Path.of(args[1]);
        if (args.length > 2) {
            SEGMENT = Duration.ofSeconds(Long.parseLong(args[2]));
        }
        boolean mp3Only = args.length > 3 && args[3].equals("mp3-only");
        Path tmp = Files.createTempDirectory("sonic-bench");
        FfmpegDecoder ffmpeg = new FfmpegDecoder("ffmpeg", "ffprobe", tmp);
        TrackAnalyzer analyzer = analyzer(ffmpeg);

        List<Path> mp3s = list(mp3Dir, ".mp3");
        Map<Path, Long> durations = probe(ffmpeg, mp3s);
        System.out.printf(Locale.ROOT, "cores: %d, mp3s: %d (4-minute, 192 kbit/s), segments %d s, silence search %d s%n",
                Runtime.getRuntime().availableProcessors(), mp3s.size(), SEGMENT.toSeconds(), SEARCH.toSeconds());

        analyseAll(analyzer, mp3s.subList(0, Math.min(6, mp3s.size())), durations, 2, null); // JIT warm-up
        System.out.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
        measure(analyzer, ffmpeg, mp3s, durations, null);
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        if (mp3Only) {
            System.out.printf(Locale.ROOT, "peak RSS (VmHWM): %s%n", peakRss());
            return;
        }
        List<Path> javaSubset = mp3s.subList(0, Math.min(12, mp3s.size()));
        double java = analyseAll(analyzer(new JavaSoundDecoder()), javaSubset, durations, 2, null);
        System.out.printf(Locale.ROOT, "java decoders (mp3spi), threads=2: %.2f tracks/s on %d mp3s%n",
                java, javaSubset.size());

        List<Path> music = list(musicDir, ".ogg");
        Map<Path, Long> musicDurations = probe(ffmpeg, music);
        long musicSeconds = musicDurations.values().stream().mapToLong(Long::longValue).sum() / 1000;
        System.out.printf(Locale.ROOT, "wesnoth ogg: %d tracks, %d min of music (Vorbis: one input per window)%n",
                music.size(), musicSeconds / 60);
        Map<Path, TrackAnalyzer.Outcome> outcomes = new ConcurrentHashMap<>();
        measure(analyzer, ffmpeg, music, musicDurations, outcomes);
        compareWithAubio(music, outcomes);
        System.out.printf(Locale.ROOT, "peak RSS (VmHWM): %s%n", peakRss());
    }

    /**
     * Analysis and the decode-only floor with 1 and 2 threads: tracks/s, their ratio, and the CPU per
     * track. {@code outcomes}, when given, receives the 2-thread results.
     */
    static void measure(TrackAnalyzer analyzer, FfmpegDecoder ffmpeg, List<Path> files, Map<Path, Long> durations,
                        Map<Path, TrackAnalyzer.Outcome> outcomes) throws Exception {
        for (int threads : new int[] {1, 2}) {
            double cpu0 = cpuSeconds();
            double analysis = analyseAll(analyzer, files, durations, threads, threads == 2 ? outcomes : null);
            double cpuAnalysis = (cpuSeconds() - cpu0) / files.size();
            double cpu1 = cpuSeconds();
            double decode = decodeOnly(ffmpeg, files, durations, threads);
            double cpuDecode = (cpuSeconds() - cpu1) / files.size();
            System.out.printf(Locale.ROOT,
                    "threads=%d  analysis: %.2f tracks/s   ffmpeg decode-only (same segments): %.2f tracks/s"
                            + "   analysis/decode time ratio: %.2f%n", threads, analysis, decode, decode / analysis);
            System.out.printf(Locale.ROOT,
                    "           CPU per track (JVM + ffmpeg): analysis %.3f s, decode-only %.3f s"
                            + " -> 2 idle cores: analysis %.1f tracks/s, decode-only %.1f tracks/s%n",
                    cpuAnalysis, cpuDecode, 2 / cpuAnalysis, 2 / cpuDecode);
        }
    }

    static TrackAnalyzer analyzer(AudioDecoder decoder) {
        return new TrackAnalyzer(decoder, SEGMENT, SEARCH, Duration.ofSeconds(1), Duration.ofHours(4),
                Duration.ofSeconds(60));
    }

    /** Files are handed out in batches of {@code BATCH}, as the service's workers claim them. */
    static double analyseAll(TrackAnalyzer analyzer, List<Path> files, Map<Path, Long> durations, int threads,
                             Map<Path, TrackAnalyzer.Outcome> outcomes) throws Exception {
        long start = System.nanoTime();
        runBatches(files, threads, batch -> {
            List<TrackAnalyzer.Outcome> results = analyzer.analyseAll(batch.stream()
                    .map(f -> new TrackAnalyzer.Input(f, durations.get(f))).toList());
            for (int i = 0; i < results.size(); i++) {
                if (!results.get(i).status().equals("ok")) {
                    throw new IllegalStateException(batch.get(i) + ": " + results.get(i).error());
                }
                if (outcomes != null) {
                    outcomes.put(batch.get(i), results.get(i));
                }
            }
        });
        return files.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** The floor: the same windows, the same batching, decoded by ffmpeg and thrown away. */
    static double decodeOnly(FfmpegDecoder ffmpeg, List<Path> files, Map<Path, Long> durations, int threads)
            throws Exception {
        long start = System.nanoTime();
        runBatches(files, threads, batch -> {
            List<AudioDecoder.Job> jobs = batch.stream().map(f -> new AudioDecoder.Job(f,
                    SegmentPlan.of(java.util.OptionalLong.of(durations.get(f)), SEGMENT, SEARCH))).toList();
            Duration fileTimeout = Duration.ofSeconds(60);
            // as the analyzer does: a batch of one, or a file the batch could not take, is decoded alone
            try (AudioDecoder.DecodedBatch decoded = jobs.size() > 1 ? ffmpeg.decodeBatch(jobs, fileTimeout)
                    .orElseThrow(() -> new IllegalStateException("batch decode failed")) : null) {
                for (int i = 0; i < jobs.size(); i++) {
                    if (decoded == null || decoded.take(i) == null) {
                        ffmpeg.decode(jobs.get(i).file(), jobs.get(i).plan(), Instant.now().plus(fileTimeout));
                    }
                }
            }
        });
        return files.size() / ((System.nanoTime() - start) / 1e9);
    }

    static final int BATCH = 8;

    interface BatchTask {
        void run(List<Path> batch) throws Exception;
    }

    static void runBatches(List<Path> files, int threads, BatchTask task) throws Exception {
        List<List<Path>> batches = new ArrayList<>();
        for (int i = 0; i < files.size(); i += BATCH) {
            batches.add(files.subList(i, Math.min(files.size(), i + BATCH)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (List<Path> batch : batches) {
            futures.add(pool.submit(() -> {
                task.run(batch);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    static Map<Path, Long> probe(FfmpegDecoder ffmpeg, List<Path> files) throws Exception {
        Map<Path, Long> durations = new ConcurrentHashMap<>();
        for (Path f : files) {
            durations.put(f, ffmpeg.probeDurationMs(f, Instant.now().plusSeconds(30)).orElse(0));
        }
        return durations;
    }

    static void compareWithAubio(List<Path> music, Map<Path, TrackAnalyzer.Outcome> outcomes) throws Exception {
        int agree = 0;
        int octave = 0;
        int triple = 0;
        int compared = 0;
        System.out.println("track | segue average-segment BPM (confidence) | aubio tempo BPM | verdict");
        for (Path file : music) {
            TrackAnalyzer.Outcome outcome = outcomes.get(file);
            float[] average = outcome.segments().getLast().features();
            double ours = average[FeatureLayout.TEMPO_BPM];
            double aubio = aubioTempo(file);
            String verdict;
            if (aubio <= 0) {
                verdict = "aubio: unknown";
                compared--;
            } else if (ours <= 0) {
                verdict = "no tempo";
            } else if (Math.abs(ours / aubio - 1) <= 0.04) {
                verdict = "agree";
                agree++;
            } else if (Math.abs(ours / aubio / 2 - 1) <= 0.04 || Math.abs(ours / aubio * 2 - 1) <= 0.04) {
                verdict = "octave";
                octave++;
            } else if (Math.abs(ours / aubio / 1.5 - 1) <= 0.04 || Math.abs(ours / aubio * 1.5 - 1) <= 0.04) {
                verdict = "3:2";
                triple++;
            } else {
                verdict = "differ";
            }
            compared++;
            System.out.printf(Locale.ROOT, "%s | %.1f (%.2f) | %.1f | %s%n", file.getFileName(), ours,
                    average[FeatureLayout.TEMPO_CONFIDENCE], aubio, verdict);
        }
        System.out.printf(Locale.ROOT, "tempo vs aubio: %d/%d within 4 %%, %d more octave-related (%d/%d = %.0f %% total);"
                        + " %d more in a 3:2 ratio%n",
                agree, compared, octave, agree + octave, compared, 100.0 * (agree + octave) / compared, triple);
    }

    static double aubioTempo(Path file) throws Exception {
        Process p = new ProcessBuilder("aubio", "tempo", "-i", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(120, TimeUnit.SECONDS);
        for (String line : out.split("\n")) {
            if (line.trim().endsWith(" bpm") && !line.contains("unknown")) {
                return Double.parseDouble(line.trim().split(" ")[0]);
            }
        }
        return 0;
    }

    static List<Path> list(Path dir, String suffix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** User + system CPU of this JVM and of its reaped children (the ffmpeg processes), in seconds. */
    static double cpuSeconds() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return ticks / 100.0;
    }

    static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    static String peakRss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM")).map(l -> l.substring(6).trim()).findFirst().orElse("?");
    }
}
