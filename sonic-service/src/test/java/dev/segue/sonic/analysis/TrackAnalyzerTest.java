package dev.segue.sonic.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segue.sonic.audio.AudioDecoder;
import dev.segue.sonic.audio.FfmpegDecoder;
import dev.segue.sonic.audio.JavaSoundDecoder;
import dev.segue.sonic.audio.TestAudio;
import dev.segue.sonic.features.FeatureLayout;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrackAnalyzerTest {

    @TempDir
    static Path dir;
    static Path longWav;
    static Path shortWav;
    /** 20 s of a 440 Hz sine at half scale, 44.1 kHz stereo. */
    static Path sineWav;

    @BeforeAll
    static void generate() throws IOException {
        longWav = TestAudio.clickWav(dir.resolve("long.wav"), 44_100, 5, 150, 120);
        shortWav = TestAudio.clickWav(dir.resolve("short.wav"), 48_000, 0, 20, 100);
        short[] sine = new short[20 * 44_100];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = (short) Math.round(16_384 * Math.sin(2 * Math.PI * 440 * i / 44_100));
        }
        sineWav = TestAudio.writeWav(dir.resolve("sine.wav"), 44_100, 2, sine);
    }

    private static TrackAnalyzer analyzer(AudioDecoder decoder) {
        return new TrackAnalyzer(decoder, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofHours(4), Duration.ofSeconds(60));
    }

    private static AudioDecoder ffmpeg() {
        assumeTrue(TestAudio.ffmpegAvailable(), "ffmpeg not installed");
        return new FfmpegDecoder("ffmpeg", "ffprobe", dir);
    }

    private static void assertClickTrack(TrackAnalyzer.Outcome outcome, double bpm) {
        assertThat(outcome.error()).isNull();
        assertThat(outcome.status()).isEqualTo("ok");
        assertThat(outcome.segments()).extracting(TrackAnalyzer.SegmentResult::segment)
                .containsExactly("beginning", "middle", "end", "average");
        for (TrackAnalyzer.SegmentResult s : outcome.segments()) {
            assertThat(s.features()).hasSize(FeatureLayout.SIZE);
            assertThat((double) s.features()[FeatureLayout.TEMPO_BPM]).as(s.segment()).isCloseTo(bpm, within(2.0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "ffmpeg"})
    void longTrackSegmentsSkipLeadingSilence(String decoderName) {
        AudioDecoder decoder = decoderName.equals("java") ? new JavaSoundDecoder() : ffmpeg();
        TrackAnalyzer.Outcome outcome = analyzer(decoder).analyse(longWav, null);

        assertClickTrack(outcome, 120);
        assertThat(outcome.decoder()).isEqualTo(decoderName);
        assertThat(outcome.durationMs()).isCloseTo(150_000L, within(100L));
        TrackAnalyzer.SegmentResult beginning = outcome.segments().getFirst();
        assertThat(beginning.startMs()).isCloseTo(5_000L, within(60L));
        assertThat(beginning.lengthMs()).isCloseTo(30_000L, within(50L));
        TrackAnalyzer.SegmentResult end = outcome.segments().get(2);
        assertThat(end.startMs() + end.lengthMs()).isCloseTo(150_000L, within(100L));
        assertThat(outcome.segments().get(3).lengthMs()).isCloseTo(90_000L, within(200L));
    }

    @Test
    void batchDecodingIsolatesABrokenFile() throws Exception {
        TrackAnalyzer analyzer = analyzer(ffmpeg());
        Path broken = Files.write(dir.resolve("batch-broken.mp3"), new byte[8192]);

        List<TrackAnalyzer.Outcome> outcomes = analyzer.analyseAll(List.of(
                new TrackAnalyzer.Input(longWav, 150_000L),
                new TrackAnalyzer.Input(broken, 200_000L),
                new TrackAnalyzer.Input(shortWav, 20_000L)));
        assertClickTrack(outcomes.get(0), 120);
        assertThat(outcomes.get(1).status()).isEqualTo("failed");
        assertClickTrack(outcomes.get(2), 100);

        List<TrackAnalyzer.Outcome> batched = analyzer.analyseAll(List.of(
                new TrackAnalyzer.Input(longWav, 150_000L), new TrackAnalyzer.Input(shortWav, 20_000L)));
        assertThat(batched.get(0).segments().get(3).features())
                .containsExactly(outcomes.get(0).segments().get(3).features());
    }

    @Test
    void shortTrackIsSplitIntoThirds() {
        TrackAnalyzer.Outcome outcome = analyzer(new JavaSoundDecoder()).analyse(shortWav, null);

        assertClickTrack(outcome, 100);
        assertThat(outcome.segments().subList(0, 3)).allSatisfy(s ->
                assertThat(s.lengthMs()).isCloseTo(6_667L, within(100L)));
        assertThat(outcome.segments().get(1).startMs()).isCloseTo(6_667L, within(100L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mp3", "flac", "ogg"})
    void javaDecodersReadCompressedFormats(String extension) throws Exception {
        assumeTrue(TestAudio.ffmpegAvailable(), "ffmpeg not installed to encode the fixture");
        Path file = TestAudio.convert(shortWav, dir.resolve("short-java." + extension));

        TrackAnalyzer.Outcome outcome = analyzer(new JavaSoundDecoder()).analyse(file, null);

        assertClickTrack(outcome, 100);
        assertThat(outcome.durationMs()).isCloseTo(20_000L, within(300L));
    }

    /**
     * AIFF (big-endian PCM, written by ffmpeg) through the Java decoders: a 440 Hz sine at half scale
     * gives its known answers. 24-bit samples are reduced to 16 bits on the way (±1 LSB of rounding).
     */
    @ParameterizedTest
    @ValueSource(strings = {"pcm_s16be", "pcm_s24be"})
    void javaDecodersReadAiff(String codec) throws Exception {
        Path aiff = sineAiff(codec);

        TrackAnalyzer.Outcome outcome = analyzer(new JavaSoundDecoder()).analyse(aiff, null);

        assertThat(outcome.status()).as(outcome.error()).isEqualTo("ok");
        assertThat(outcome.decoder()).isEqualTo("java");
        assertThat(outcome.durationMs()).isCloseTo(20_000L, within(50L));
        assertThat(outcome.segments()).hasSize(4);
        for (TrackAnalyzer.SegmentResult s : outcome.segments()) {
            float[] f = s.features();
            assertThat((double) f[FeatureLayout.LOUDNESS_DB]).as(s.segment())
                    .isCloseTo(20 * Math.log10(0.5 / Math.sqrt(2)), within(0.2));
            assertThat((double) f[FeatureLayout.CENTROID_MEAN]).as(s.segment()).isCloseTo(440, within(15.0));
            assertThat((double) f[FeatureLayout.ZCR]).as(s.segment())
                    .isCloseTo(2 * 440.0 / AudioDecoder.SAMPLE_RATE, within(2e-4));
            assertThat(f[FeatureLayout.CHROMA + 9]).as(s.segment() + " chroma A").isGreaterThan(0.9f);
        }
    }

    /** 16-bit AIFF holds the same samples as the WAV it was made from, byte-swapped: the same analysis. */
    @Test
    void javaDecodersReadA16BitAiffExactlyLikeItsWav() throws Exception {
        Path aiff = sineAiff("pcm_s16be");
        TrackAnalyzer analyzer = analyzer(new JavaSoundDecoder());

        assertSameAnalysis(analyzer.analyse(aiff, null), analyzer.analyse(sineWav, null));
    }

    private static Path sineAiff(String codec) throws Exception {
        assumeTrue(TestAudio.ffmpegAvailable(), "ffmpeg not installed to encode the fixture");
        return TestAudio.convert(sineWav, dir.resolve("sine-" + codec + ".aiff"), "-c:a", codec);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "ffmpeg"})
    void badFilesFailClearly(String decoderName) throws Exception {
        AudioDecoder decoder = decoderName.equals("java") ? new JavaSoundDecoder() : ffmpeg();
        TrackAnalyzer analyzer = analyzer(decoder);

        Path empty = Files.createFile(dir.resolve(decoderName + "-empty.mp3"));
        assertThat(analyzer.analyse(empty, null)).satisfies(o -> {
            assertThat(o.status()).isEqualTo("failed");
            assertThat(o.error()).contains("empty");
        });

        Path garbage = Files.write(dir.resolve(decoderName + "-garbage.flac"), "this is not audio".repeat(500).getBytes());
        assertThat(analyzer.analyse(garbage, null).status()).isEqualTo("failed");

        Path text = Files.writeString(dir.resolve(decoderName + "-notes.txt"), "hello");
        assertThat(analyzer.analyse(text, null).status()).isEqualTo("unsupported");

        assertThat(analyzer.analyse(dir.resolve("missing.mp3"), null).error()).contains("not found");

        Path zeroChannels = Files.write(dir.resolve(decoderName + "-zero.wav"), zeroChannelWav());
        TrackAnalyzer.Outcome zero = analyzer.analyse(zeroChannels, null);
        assertThat(zero.status()).isEqualTo("failed");
        assertThat(zero.error()).isNotBlank();

        TrackAnalyzer.Outcome tooLong = analyzer.analyse(longWav, Duration.ofHours(8).toMillis());
        assertThat(tooLong.status()).isEqualTo("failed");
        assertThat(tooLong.error()).contains("8:00:00").contains("max-track-duration");
    }

    /**
     * A real 8-hour file (a sparse WAV: 460 MB that take no disk space) with a 440 Hz tone around
     * its middle: refused with the limit's name by default, and analysed from its three windows
     * only, without decoding eight hours, when the limit allows it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "ffmpeg"})
    void anEightHourFileIsRefusedOrAnalysedFromItsWindows(String decoderName) throws Exception {
        AudioDecoder decoder = decoderName.equals("java") ? new JavaSoundDecoder() : ffmpeg();
        Path file = eightHourWav(dir.resolve(decoderName + "-8h.wav"));

        TrackAnalyzer.Outcome refused = analyzer(decoder).analyse(file, null);
        assertThat(refused.status()).isEqualTo("failed");
        assertThat(refused.error()).contains("8:00:00").contains("max-track-duration");

        TrackAnalyzer allowing = new TrackAnalyzer(decoder, Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofHours(10), Duration.ofSeconds(60));
        TrackAnalyzer.Outcome outcome = allowing.analyse(file, null);
        assertThat(outcome.status()).as(outcome.error()).isEqualTo("ok");
        assertThat(outcome.durationMs()).isCloseTo(Duration.ofHours(8).toMillis(), within(1_000L));
        assertThat(outcome.analysisMs()).isLessThan(30_000L);
        TrackAnalyzer.SegmentResult middle = outcome.segments().get(1);
        assertThat(middle.startMs()).isCloseTo(Duration.ofHours(4).toMillis() - 15_000, within(1_000L));
        assertThat((double) middle.features()[FeatureLayout.CENTROID_MEAN]).isCloseTo(440, within(25.0));
        assertThat(outcome.segments().getFirst().features()[FeatureLayout.LOUDNESS_DB]).isEqualTo(-100f);
    }

    private static Path eightHourWav(Path file) throws IOException {
        int rate = 8_000;
        long dataBytes = 8L * 3600 * rate * 2;
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
                .putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        header.put("data".getBytes()).putInt((int) dataBytes);
        ByteBuffer tone = ByteBuffer.allocate(60 * rate * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 60 * rate; i++) {
            tone.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(header.array());
            out.seek(44 + (4L * 3600 - 30) * rate * 2);
            out.write(tone.array());
            out.setLength(44 + dataBytes);
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "ffmpeg"})
    void aTruncatedFileIsAnalysedForWhatItHolds(String decoderName) throws Exception {
        AudioDecoder decoder = decoderName.equals("java") ? new JavaSoundDecoder() : ffmpeg();

        // a WAV cut in half still states the full length in its header: what is there gets analysed
        Path truncated = TestAudio.truncate(longWav, dir.resolve(decoderName + "-truncated.wav"), 0.5);
        TrackAnalyzer.Outcome outcome = analyzer(decoder).analyse(truncated, 150_000L);
        assertThat(outcome.status()).isEqualTo("ok");
        assertThat(outcome.durationMs()).isCloseTo(75_000L, within(500L));
    }

    /** Both decoders recognise content, not names: a WAV or an Ogg Vorbis file named .mp3 is analysed as what it is. */
    @ParameterizedTest
    @CsvSource({"java, wav", "java, ogg", "ffmpeg, wav", "ffmpeg, ogg"})
    void aMislabeledFileIsAnalysedLikeTheCorrectlyNamedOne(String decoderName, String content) throws Exception {
        AudioDecoder decoder = decoderName.equals("java") ? new JavaSoundDecoder() : ffmpeg();
        assumeTrue(TestAudio.ffmpegAvailable(), "ffmpeg not installed to encode the fixture");
        Path named = content.equals("wav") ? shortWav
                : TestAudio.convert(shortWav, dir.resolve(decoderName + "-short.ogg"));
        Path mislabeled = Files.copy(named, dir.resolve(decoderName + "-" + content + "-named.mp3"));

        assertSameAnalysis(analyzer(decoder).analyse(mislabeled, null), analyzer(decoder).analyse(named, null));
    }

    @Test
    void ffmpegAnalysesAnAacFileNamedMp3LikeTheM4a() throws Exception {
        TrackAnalyzer analyzer = analyzer(ffmpeg());
        Path m4a = TestAudio.convert(shortWav, dir.resolve("short.m4a"));
        Path mislabeled = Files.copy(m4a, dir.resolve("m4a-named.mp3"));

        assertSameAnalysis(analyzer.analyse(mislabeled, null), analyzer.analyse(m4a, null));
    }

    @Test
    void theJavaDecodersFailClearlyOnAnAacFileNamedMp3() throws Exception {
        assumeTrue(TestAudio.ffmpegAvailable(), "ffmpeg not installed to encode the fixture");
        Path mislabeled = Files.copy(TestAudio.convert(shortWav, dir.resolve("java-short.m4a")),
                dir.resolve("java-m4a-named.mp3"));

        TrackAnalyzer.Outcome outcome = analyzer(new JavaSoundDecoder()).analyse(mislabeled, null);

        assertThat(outcome.status()).isEqualTo("failed");
        assertThat(outcome.error()).isEqualTo("not a readable MP3 file (no Java decoder recognises its content)");
        assertThat(outcome.segments()).isEmpty();
    }

    /** The concat group of an MP3 batch cannot take a WAV: the batch distrusts it and decodes the file on its own. */
    @Test
    void aMislabeledFileInAnMp3BatchIsAnalysedLikeTheCorrectlyNamedOne() throws Exception {
        TrackAnalyzer analyzer = analyzer(ffmpeg());
        Path mp3 = TestAudio.convert(longWav, dir.resolve("batch-long.mp3"));
        Path mislabeled = Files.copy(longWav, dir.resolve("batch-wav-named.mp3"));

        List<TrackAnalyzer.Outcome> outcomes = analyzer.analyseAll(List.of(
                new TrackAnalyzer.Input(mp3, 150_000L), new TrackAnalyzer.Input(mislabeled, 150_000L)));

        assertClickTrack(outcomes.get(0), 120);
        assertSameAnalysis(outcomes.get(1), analyzer.analyse(longWav, 150_000L));
    }

    private static void assertSameAnalysis(TrackAnalyzer.Outcome actual, TrackAnalyzer.Outcome expected) {
        assertThat(expected.status()).as(expected.error()).isEqualTo("ok");
        assertThat(actual.status()).as(actual.error()).isEqualTo("ok");
        assertThat(actual.durationMs()).isEqualTo(expected.durationMs());
        assertThat(actual.segments()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            TrackAnalyzer.SegmentResult a = actual.segments().get(i);
            TrackAnalyzer.SegmentResult e = expected.segments().get(i);
            assertThat(a.segment()).isEqualTo(e.segment());
            assertThat(a.startMs()).as(a.segment()).isEqualTo(e.startMs());
            assertThat(a.lengthMs()).as(a.segment()).isEqualTo(e.lengthMs());
            assertThat(a.features()).as(a.segment()).containsExactly(e.features());
        }
    }

    /**
     * Trailing silence is skipped like leading silence: the end segment ends at the last audible block
     * (50 ms), not at the end of the file. 150 s tracks are decoded as three windows (search 10 s).
     */
    @ParameterizedTest
    @CsvSource({"java, 0, 8", "ffmpeg, 0, 8", "java, 4, 8", "ffmpeg, 4, 8"})
    void theEndSegmentEndsAtTheLastAudibleSound(String decoderName, double leadSec, double trailSec)
            throws Exception {
        AudioDecoder decoder = decoderName.equals("java") ? new JavaSoundDecoder() : ffmpeg();
        double audibleSec = 150 - leadSec - trailSec;
        Path file = clickWavWithSilence(dir.resolve(decoderName + "-trail-" + leadSec + ".wav"), 44_100, 2,
                leadSec, audibleSec, trailSec);

        TrackAnalyzer.Outcome outcome = analyzer(decoder).analyse(file, null);

        assertClickTrack(outcome, 120);
        assertThat(outcome.durationMs()).isCloseTo(150_000L, within(100L));
        assertSegment(outcome, 0, leadSec * 1000, 30_000);
        assertSegment(outcome, 2, (leadSec + audibleSec - 30) * 1000, 30_000);
    }

    /** A short track (whole-file decode) is split into thirds of its audible part, between both silences. */
    @ParameterizedTest
    @ValueSource(strings = {"java", "ffmpeg"})
    void aShortTrackIsSplitIntoThirdsOfItsAudiblePart(String decoderName) throws Exception {
        AudioDecoder decoder = decoderName.equals("java") ? new JavaSoundDecoder() : ffmpeg();
        Path file = clickWavWithSilence(dir.resolve(decoderName + "-short-silences.wav"), 44_100, 2, 2, 24, 3);

        TrackAnalyzer.Outcome outcome = analyzer(decoder).analyse(file, null);

        assertClickTrack(outcome, 120);
        assertThat(outcome.durationMs()).isCloseTo(29_000L, within(50L));
        assertSegment(outcome, 0, 2_000, 8_000);
        assertSegment(outcome, 1, 10_000, 8_000);
        assertSegment(outcome, 2, 18_000, 8_000);
    }

    /**
     * A silence longer than the search (5 s, the default) costs a second decode that searches up to
     * 2 min, so a 40 s silent intro and a 20 s silent ending still leave full 30 s segments of sound.
     * Up to 330 s (3 segments + 2 × 2 min) that second decode is of the whole file, and the middle
     * segment is then the centre of the audible part; a longer track is decoded as wider windows.
     */
    @ParameterizedTest
    @CsvSource({"java, 200, 95", "ffmpeg, 200, 95", "java, 400, 185", "ffmpeg, 400, 185"})
    void aLongSilenceIsFoundByASecondSearch(String decoderName, double seconds, double middleStartSec)
            throws Exception {
        AudioDecoder decoder = decoderName.equals("java") ? new JavaSoundDecoder() : ffmpeg();
        Path file = clickWavWithSilence(dir.resolve(decoderName + "-intro-" + seconds + ".wav"), 22_050, 1,
                40, seconds - 60, 20);

        TrackAnalyzer.Outcome outcome = defaultSearchAnalyzer(decoder).analyse(file, Math.round(seconds * 1000));

        assertClickTrack(outcome, 120);
        assertThat(outcome.durationMs()).isCloseTo(Math.round(seconds * 1000), within(50L));
        assertSegment(outcome, 0, 40_000, 30_000);
        assertSegment(outcome, 1, middleStartSec * 1000, 30_000);
        assertSegment(outcome, 2, (seconds - 50) * 1000, 30_000);
    }

    /**
     * Beyond the second search (2 min) the silence is analysed as it is: the beginning segment is the
     * last 30 s of the searched 2 min 30 s, all silent, and the end segment the first 30 s of its window.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "ffmpeg"})
    void aSilenceBeyondTwoMinutesGivesSilentSegments(String decoderName) throws Exception {
        AudioDecoder decoder = decoderName.equals("java") ? new JavaSoundDecoder() : ffmpeg();
        Path file = clickWavWithSilence(dir.resolve(decoderName + "-hidden.wav"), 22_050, 1, 160, 80, 160);

        TrackAnalyzer.Outcome outcome = defaultSearchAnalyzer(decoder).analyse(file, 400_000L);

        assertThat(outcome.status()).as(outcome.error()).isEqualTo("ok");
        assertSegment(outcome, 0, 120_000, 30_000);
        assertSegment(outcome, 1, 185_000, 30_000);
        assertSegment(outcome, 2, 250_000, 30_000);
        assertThat(outcome.segments().get(0).features()[FeatureLayout.LOUDNESS_DB]).isEqualTo(-100f);
        assertThat(outcome.segments().get(2).features()[FeatureLayout.LOUDNESS_DB]).isEqualTo(-100f);
        assertThat((double) outcome.segments().get(1).features()[FeatureLayout.TEMPO_BPM]).isCloseTo(120, within(2.0));
    }

    private static TrackAnalyzer defaultSearchAnalyzer(AudioDecoder decoder) {
        return new TrackAnalyzer(decoder, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofHours(4), Duration.ofSeconds(60));
    }

    /** Start and length of a segment, to one 50 ms silence block (plus rounding to the millisecond). */
    private static void assertSegment(TrackAnalyzer.Outcome outcome, int index, double startMs, long lengthMs) {
        TrackAnalyzer.SegmentResult s = outcome.segments().get(index);
        assertThat((double) s.startMs()).as(s.segment() + " start").isCloseTo(startMs, within(60.0));
        assertThat(s.lengthMs()).as(s.segment() + " length").isCloseTo(lengthMs, within(60L));
    }

    /** Silence, then clicks at 120 BPM over a quiet 220 Hz tone (as {@link TestAudio#clickWav}), then silence. */
    private static Path clickWavWithSilence(Path file, int rate, int channels, double leadSec, double audibleSec,
                                            double trailSec) throws IOException {
        int lead = (int) Math.round(leadSec * rate);
        int audible = (int) Math.round(audibleSec * rate);
        short[] samples = new short[lead + audible + (int) Math.round(trailSec * rate)];
        double period = 0.5 * rate;
        int clickLength = (int) (0.02 * rate);
        Random random = new Random(1);
        for (int i = 0; i < audible; i++) {
            double value = 3000 * Math.sin(2 * Math.PI * 220 * i / rate);
            double sinceClick = i % period;
            if (sinceClick < clickLength && i + clickLength - sinceClick <= audible) {
                value += 20000 * Math.exp(-sinceClick / (0.003 * rate)) * (random.nextDouble() * 2 - 1);
            }
            samples[lead + i] = (short) value;
        }
        return TestAudio.writeWav(file, rate, channels, samples);
    }

    private static byte[] zeroChannelWav() {
        ByteBuffer b = ByteBuffer.allocate(44 + 1000).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 1000).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 0).putInt(44_100)
                .putInt(0).putShort((short) 0).putShort((short) 16);
        b.put("data".getBytes()).putInt(1000);
        return b.array();
    }
}
