package dev.segue.sonic.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segue.sonic.audio.FakeExecutables;
import dev.segue.sonic.audio.FfmpegDecoder;
import dev.segue.sonic.audio.TestAudio;
import dev.segue.sonic.features.FeatureLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoders that hang or crash, played by shell scripts in front of the real ffmpeg and ffprobe: they
 * misbehave only for files with HANGS or CRASHES in their name, wherever ffmpeg is told about them
 * (an argument, or a concat list).
 */
class TrackAnalyzerTimeoutTest {

    /** Collects the arguments, plus the content of concat lists, into $seen. */
    private static final String SEEN = """
            seen="$*"
            for a in "$@"; do
              case "$a" in *.txt) seen="$seen $(cat "$a")" ;; esac
            done
            """;

    @TempDir
    static Path fixtures;
    static Path shortWav;
    static Path longMp3;

    @TempDir
    Path dir;
    Path pcm;
    Path pids;

    @BeforeAll
    static void generate() throws Exception {
        assumeTrue(TestAudio.ffmpegAvailable(), "ffmpeg not installed");
        shortWav = TestAudio.clickWav(fixtures.resolve("short.wav"), 44_100, 0, 20, 100);
        Path longWav = TestAudio.clickWav(fixtures.resolve("long.wav"), 44_100, 0, 150, 120);
        longMp3 = TestAudio.convert(longWav, fixtures.resolve("long.mp3"), "-b:a", "128k");
    }

    @BeforeEach
    void setUp() throws Exception {
        pcm = Files.createDirectories(dir.resolve("pcm"));
        pids = Files.createFile(dir.resolve("pids"));
    }

    private static TrackAnalyzer analyzer(String ffmpeg, String ffprobe, Path pcm, Duration fileTimeout) {
        return new TrackAnalyzer(new FfmpegDecoder(ffmpeg, ffprobe, pcm), Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofHours(4), fileTimeout);
    }

    private Path copy(Path source, String name) throws Exception {
        return Files.copy(source, dir.resolve(name));
    }

    private static void assertAnalysed(TrackAnalyzer.Outcome outcome, double bpm) {
        assertThat(outcome.error()).isNull();
        assertThat(outcome.status()).isEqualTo("ok");
        assertThat(outcome.segments()).hasSize(4);
        assertThat((double) outcome.segments().get(3).features()[FeatureLayout.TEMPO_BPM]).isCloseTo(bpm, within(2.0));
    }

    @Test
    void aHungDecoderIsKilledAtItsTimeoutAndTheRestOfTheBatchIsAnalysed() throws Exception {
        Path ffmpeg = FakeExecutables.script(dir.resolve("fake-ffmpeg"), SEEN
                + "case \"$seen\" in *HANGS*) " + FakeExecutables.hang(pids) + " ;; esac\n"
                + "exec ffmpeg \"$@\"\n");
        TrackAnalyzer analyzer = analyzer(ffmpeg.toString(), "ffprobe", pcm, Duration.ofSeconds(4));
        // MP3 windows of long tracks: the batch is one concat list, as in most libraries
        List<TrackAnalyzer.Input> inputs = List.of(
                new TrackAnalyzer.Input(copy(longMp3, "first.mp3"), 150_000L),
                new TrackAnalyzer.Input(copy(longMp3, "HANGS.mp3"), 150_000L),
                new TrackAnalyzer.Input(copy(longMp3, "third.mp3"), 150_000L));

        long started = System.nanoTime();
        List<TrackAnalyzer.Outcome> outcomes = analyzer.analyseAll(inputs);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(outcomes.get(1).status()).isEqualTo("failed");
        assertThat(outcomes.get(1).error()).isEqualTo(ffmpeg + " did not finish within the per-file timeout; killed");
        assertAnalysed(outcomes.get(0), 120);
        assertAnalysed(outcomes.get(2), 120);
        // the batch (3 files × 4 s) and the hung file on its own (4 s), where the script would sleep 300 s
        assertThat(took).isLessThan(Duration.ofSeconds(120));
        // it hung twice, the batch and the file alone: each time the shell and its child were killed
        assertThat(FakeExecutables.recordedPids(pids)).hasSize(4);
        assertThat(FakeExecutables.stillRunning(pids, Duration.ofSeconds(10))).isEmpty();
        try (Stream<Path> left = Files.list(pcm)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aCrashingDecoderFailsItsFileWithTheSignalAndTheRestOfTheBatchIsAnalysed() throws Exception {
        Path ffmpeg = FakeExecutables.script(dir.resolve("fake-ffmpeg"), SEEN
                + "case \"$seen\" in *CRASHES*)\n"
                + "  printf 'free(): corrupted unsorted chunks \\001\\377\\n' >&2; ulimit -c 0; kill -SEGV $$ ;;\n"
                + "esac\n"
                + "exec ffmpeg \"$@\"\n");
        TrackAnalyzer analyzer = analyzer(ffmpeg.toString(), "ffprobe", pcm, Duration.ofSeconds(60));
        // WAVs: the batch is one process with an input per file
        List<TrackAnalyzer.Outcome> outcomes = analyzer.analyseAll(List.of(
                new TrackAnalyzer.Input(copy(shortWav, "first.wav"), 20_000L),
                new TrackAnalyzer.Input(copy(shortWav, "CRASHES.wav"), 20_000L),
                new TrackAnalyzer.Input(copy(shortWav, "third.wav"), 20_000L)));

        assertThat(outcomes.get(1).status()).isEqualTo("failed");
        assertThat(outcomes.get(1).error()).startsWith(ffmpeg + " was killed by signal 11: free(): corrupted unsorted chunks");
        assertAnalysed(outcomes.get(0), 100);
        assertAnalysed(outcomes.get(2), 100);
    }

    @Test
    void aHungProbeFailsOnlyItsOwnFile() throws Exception {
        Path ffprobe = FakeExecutables.script(dir.resolve("fake-ffprobe"),
                "case \"$*\" in *HANGS*) " + FakeExecutables.hang(pids) + " ;; esac\n"
                        + "exec ffprobe \"$@\"\n");
        TrackAnalyzer analyzer = analyzer("ffmpeg", ffprobe.toString(), pcm, Duration.ofSeconds(3));

        // no durations in the library: each file is probed, the hung one first
        List<TrackAnalyzer.Outcome> outcomes = analyzer.analyseAll(List.of(
                new TrackAnalyzer.Input(copy(shortWav, "HANGS.wav"), null),
                new TrackAnalyzer.Input(copy(shortWav, "second.wav"), null),
                new TrackAnalyzer.Input(copy(shortWav, "third.wav"), null)));

        assertThat(outcomes.get(0).status()).isEqualTo("failed");
        assertThat(outcomes.get(0).error()).isEqualTo(ffprobe + " did not finish within the per-file timeout; killed");
        for (TrackAnalyzer.Outcome later : outcomes.subList(1, 3)) {
            assertAnalysed(later, 100);
            assertThat(later.durationMs()).isCloseTo(20_000L, within(100L));
        }
        assertThat(FakeExecutables.stillRunning(pids, Duration.ofSeconds(10))).isEmpty();
    }

    /**
     * A slow process (2 s per input before decoding) that takes longer than one file-timeout for a
     * batch of three, but less than the three files' timeouts together, is not cut short.
     */
    @Test
    void aBatchMayTakeTheTimeoutsOfItsFilesTogether() throws Exception {
        Path calls = dir.resolve("calls");
        Path ffmpeg = FakeExecutables.script(dir.resolve("slow-ffmpeg"), """
                echo "$*" >> '%s'
                inputs=0
                for a in "$@"; do [ "$a" = -i ] && inputs=$((inputs + 1)); done
                sleep $((2 * inputs))
                exec ffmpeg "$@"
                """.formatted(calls));
        TrackAnalyzer analyzer = analyzer(ffmpeg.toString(), "ffprobe", pcm, Duration.ofSeconds(4));

        List<TrackAnalyzer.Outcome> outcomes = analyzer.analyseAll(List.of(
                new TrackAnalyzer.Input(copy(shortWav, "first.wav"), 20_000L),
                new TrackAnalyzer.Input(copy(shortWav, "second.wav"), 20_000L),
                new TrackAnalyzer.Input(copy(shortWav, "third.wav"), 20_000L)));

        outcomes.forEach(o -> assertAnalysed(o, 100));
        assertThat(Files.readAllLines(calls)).as("one process for the batch, none for a file on its own").hasSize(1);
    }
}
