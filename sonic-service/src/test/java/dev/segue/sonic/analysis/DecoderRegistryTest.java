package dev.segue.sonic.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segue.sonic.audio.AudioDecoder;
import dev.segue.sonic.audio.FakeExecutables;
import dev.segue.sonic.audio.JavaSoundDecoder;
import dev.segue.sonic.audio.TestAudio;
import dev.segue.sonic.config.TestSonicConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which decoder segue.sonic.decoder and segue.sonic.ffmpeg-path select, as stats and readiness report it. */
class DecoderRegistryTest {

    @TempDir
    Path dir;

    private DecoderRegistry registry(String... keyValues) {
        List<String> all = new ArrayList<>(List.of("segue.sonic.temp-dir", dir.toString()));
        all.addAll(List.of(keyValues));
        return new DecoderRegistry(TestSonicConfig.of(all.toArray(String[]::new)));
    }

    @Test
    void javaChosenIsUsedThoughFfmpegRuns() throws Exception {
        assumeTrue(TestAudio.ffmpegAvailable(), "ffmpeg not installed");
        DecoderRegistry registry = registry("segue.sonic.decoder", "java");

        assertThat(registry.selected()).get().extracting(AudioDecoder::name).isEqualTo("java");
        assertThat(registry.all()).extracting(DecoderRegistry.DecoderInfo::name, DecoderRegistry.DecoderInfo::available,
                DecoderRegistry.DecoderInfo::selected).containsExactly(
                        tuple("ffmpeg", true, false),
                        tuple("java", true, true));
        Path wav = TestAudio.clickWav(dir.resolve("click.wav"), 44_100, 0, 20, 100);
        TrackAnalyzer.Outcome outcome = registry.analyzer().orElseThrow().analyse(wav, 20_000L);
        assertThat(outcome.status()).isEqualTo("ok");
        assertThat(outcome.decoder()).isEqualTo("java");
    }

    @Test
    void ffmpegChosenButNotRunnableSelectsNothingAndSaysWhatToFix() {
        Path missing = dir.resolve("no-such-ffmpeg");
        DecoderRegistry registry = registry("segue.sonic.decoder", "ffmpeg", "segue.sonic.ffmpeg-path", missing.toString());

        assertThat(registry.selected()).isEmpty();
        assertThat(registry.analyzer()).isEmpty();
        assertThat(registry.unavailableReason()).isEqualTo("segue.sonic.decoder=ffmpeg: '" + missing + " -version'"
                + " does not run; install ffmpeg or set segue.sonic.ffmpeg-path (SEGUE_SONIC_FFMPEG_PATH) to its executable");
        assertThat(registry.all()).containsExactly(
                new DecoderRegistry.DecoderInfo("ffmpeg", false, false, "not found or not runnable: " + missing),
                new DecoderRegistry.DecoderInfo("java", true, false, new JavaSoundDecoder().description()));
    }

    @Test
    void autoFallsBackToJavaWhenTheFfmpegPathDoesNotRun() throws Exception {
        Path failing = FakeExecutables.script(dir.resolve("failing-ffmpeg"), "echo 'error while loading shared libraries' >&2\nexit 127\n");
        DecoderRegistry registry = registry("segue.sonic.ffmpeg-path", failing.toString());

        assertThat(registry.selected()).get().extracting(AudioDecoder::name).isEqualTo("java");
        assertThat(registry.analyzer()).get().extracting(a -> a.decoder().name()).isEqualTo("java");
        assertThat(registry.all()).extracting(DecoderRegistry.DecoderInfo::name, DecoderRegistry.DecoderInfo::available,
                DecoderRegistry.DecoderInfo::selected).containsExactly(
                        tuple("ffmpeg", false, false),
                        tuple("java", true, true));
    }

    @Test
    void autoPrefersFfmpegWhenItRuns() {
        assumeTrue(TestAudio.ffmpegAvailable(), "ffmpeg not installed");

        assertThat(registry().selected()).get().extracting(AudioDecoder::name).isEqualTo("ffmpeg");
    }
}
