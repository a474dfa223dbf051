package dev.segue.sonic.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegDecoderTest {

    private static final Duration SEGMENT = Duration.ofSeconds(30);
    private static final Duration SEARCH = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    static Path stereo44;
    static Path mono48;
    static Path quoted;
    /** The decoder's own temporary directory: empty whenever no batch is open. */
    static Path pcmDir;
    static FfmpegDecoder decoder;

    @BeforeAll
    static void generate() throws Exception {
        assumeTrue(TestAudio.ffmpegAvailable(), "ffmpeg not installed");
        pcmDir = Files.createDirectories(dir.resolve("pcm"));
        decoder = new FfmpegDecoder("ffmpeg", "ffprobe", pcmDir);
        Path click = TestAudio.clickWav(dir.resolve("click.wav"), 44_100, 2, 150, 120);
        stereo44 = TestAudio.convert(click, dir.resolve("stereo44.mp3"), "-b:a", "128k");
        mono48 = TestAudio.convert(click, dir.resolve("mono48.mp3"), "-ac", "1", "-ar", "48000", "-b:a", "64k");
        quoted = Files.copy(stereo44, dir.resolve("it's a, test; [1].mp3"));
    }

    /** Takes every file of the batch, then checks that neither taking nor closing left PCM behind. */
    private static List<DecodedAudio> takeAll(AudioDecoder.DecodedBatch batch, int size) throws Exception {
        List<DecodedAudio> all = new ArrayList<>();
        try (batch) {
            for (int i = 0; i < size; i++) {
                all.add(batch.take(i));
            }
            assertThat(batch.take(0)).as("each file is handed out once").isNull();
        }
        try (Stream<Path> left = Files.list(pcmDir)) {
            assertThat(left).isEmpty();
        }
        return all;
    }

    private static AudioDecoder.Job job(Path file, long durationMs) {
        return new AudioDecoder.Job(file, SegmentPlan.of(OptionalLong.of(durationMs), SEGMENT, SEARCH));
    }

    @Test
    void mpegAudioOfDifferentRatesAndChannelsDecodesInOneBatchLikeFileByFile() throws Exception {
        List<AudioDecoder.Job> jobs = List.of(job(stereo44, 150_000), job(mono48, 150_000), job(quoted, 150_000));
        assertThat(jobs).allMatch(ConcatPlan::concatenable);

        List<DecodedAudio> batch = takeAll(decoder.decodeBatch(jobs, Duration.ofSeconds(60)).orElseThrow(), jobs.size());

        assertThat(batch).doesNotContainNull();
        for (int j = 0; j < jobs.size(); j++) {
            DecodedAudio alone = decoder.decode(jobs.get(j).file(), jobs.get(j).plan(), Instant.now().plusSeconds(60));
            for (int w = 0; w < 3; w++) {
                float[] together = batch.get(j).windows().get(w);
                float[] single = alone.windows().get(w);
                // frame-exact cuts differ by at most one MP3 frame (1,152 samples at the source rate)
                assertThat(together.length).as("job %d window %d", j, w).isCloseTo(single.length, within(1_300));
                assertThat(rms(together)).as("job %d window %d", j, w).isCloseTo(rms(single), within(rms(single) * 0.02));
            }
        }
    }

    @Test
    void stereoIsDownMixedAtTheSameLevelWhateverTheCodec() throws Exception {
        Path wav = dir.resolve("click.wav");
        Path flac = TestAudio.convert(wav, dir.resolve("level.flac"), "-c:a", "flac");
        Path ogg = TestAudio.convert(wav, dir.resolve("level.ogg"), "-c:a", "libvorbis", "-q:a", "6");
        double reference = rms(middle(wav));

        // integer decoders (WAV, FLAC) and float ones (MP3, Vorbis) must mix alike: 3 dB apart is a factor
        // 0.71; the lossy encoders themselves drop some of the clicks' noise energy (up to ~6 %)
        assertThat(rms(middle(flac))).isCloseTo(reference, within(reference * 0.01));
        assertThat(rms(middle(stereo44))).isCloseTo(reference, within(reference * 0.1));
        assertThat(rms(middle(ogg))).isCloseTo(reference, within(reference * 0.1));
    }

    private static float[] middle(Path file) throws Exception {
        AudioDecoder.Job job = job(file, 150_000);
        return decoder.decode(job.file(), job.plan(), Instant.now().plusSeconds(60)).windows().get(1);
    }

    @Test
    void aTruncatedFileShowsAsAShortWindowNotAsPaddedSilence() throws Exception {
        Path truncated = TestAudio.truncate(stereo44, dir.resolve("truncated.mp3"), 0.5);

        List<DecodedAudio> batch = takeAll(decoder.decodeBatch(List.of(job(truncated, 150_000), job(stereo44, 150_000)),
                Duration.ofSeconds(60)).orElseThrow(), 2);

        // the middle window (60..90 s) of a file cut at ~75 s holds ~15 s, the end window nothing
        DecodedAudio cut = batch.getFirst();
        assertThat(cut.windows().get(0).length).isGreaterThan(34 * AudioDecoder.SAMPLE_RATE);
        assertThat(cut.windows().get(1).length).isBetween(10 * AudioDecoder.SAMPLE_RATE, 16 * AudioDecoder.SAMPLE_RATE);
        assertThat(cut.windows().get(2).length).isLessThan(AudioDecoder.SAMPLE_RATE);
        assertThat(batch.get(1).windows()).allSatisfy(w -> assertThat(w.length).isGreaterThan(29 * AudioDecoder.SAMPLE_RATE));
    }

    @Test
    void aFileTheMp3DecoderCannotReadIsLeftToBeDecodedAlone() throws Exception {
        Path oggNamedMp3 = TestAudio.convert(dir.resolve("click.wav"), dir.resolve("really-ogg.mp3"),
                "-c:a", "libvorbis", "-f", "ogg");
        Path wav = dir.resolve("click.wav");

        Optional<AudioDecoder.DecodedBatch> batch = decoder.decodeBatch(List.of(job(stereo44, 150_000),
                job(oggNamedMp3, 150_000), job(wav, 150_000), job(mono48, 150_000)), Duration.ofSeconds(60));

        // never garbage: the MPEG group is distrusted as a whole, the WAV had no partner to batch with
        assertThat(batch).isEmpty();
        DecodedAudio alone = decoder.decode(oggNamedMp3, job(oggNamedMp3, 150_000).plan(), Instant.now().plusSeconds(60));
        assertThat(rms(alone.windows().get(1))).isGreaterThan(0.05);
    }

    @Test
    void aBatchClosedBeforeEveryFileIsTakenLeavesNoPcmBehind() throws Exception {
        AudioDecoder.DecodedBatch batch = decoder.decodeBatch(List.of(job(stereo44, 150_000), job(mono48, 150_000)),
                Duration.ofSeconds(60)).orElseThrow();
        try (Stream<Path> waiting = Files.list(pcmDir)) {
            assertThat(waiting).hasSize(6);
        }

        assertThat(batch.take(1).windows()).hasSize(3);
        batch.close();

        try (Stream<Path> left = Files.list(pcmDir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void filesAKilledProcessLeftBehindAreRemovedButNotThoseOfALiveBatch(@TempDir Path temp) throws Exception {
        Path stale = Files.writeString(temp.resolve("concat-dead.txt"), "left by a killed worker");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path live = Files.writeString(temp.resolve("concat-live-0001.f32"), "being written");

        int removed = new FfmpegDecoder("ffmpeg", "ffprobe", temp).removeStaleFiles(Duration.ofMinutes(10));

        assertThat(removed).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(live).exists();
    }

    @Test
    void anExecutableThatHangsOnVersionIsUnavailableWithoutBlockingTheCaller(@TempDir Path temp) throws Exception {
        Path pids = Files.createFile(temp.resolve("pids"));
        Path hanging = FakeExecutables.script(temp.resolve("hanging-ffmpeg"), FakeExecutables.hang(pids));
        FfmpegDecoder hangs = new FfmpegDecoder(hanging.toString(), "ffprobe", temp);

        long started = System.nanoTime();
        assertThat(hangs.available()).isFalse();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        assertThat(hangs.description()).isEqualTo("not found or not runnable: " + hanging);
        assertThat(FakeExecutables.stillRunning(pids, Duration.ofSeconds(10))).isEmpty();
    }

    private static double rms(float[] pcm) {
        double sum = 0;
        for (float v : pcm) {
            sum += v * v;
        }
        return pcm.length == 0 ? 0 : Math.sqrt(sum / pcm.length);
    }
}
