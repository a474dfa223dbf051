package dev.segue.sonic.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.sonic.analysis.DecoderRegistry;
import dev.segue.sonic.audio.Fifos;
import dev.segue.sonic.audio.JavaSoundDecoder;
import dev.segue.sonic.analysis.TestDecoders;
import dev.segue.sonic.config.TestSonicConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoderReadinessCheckTest {

    @TempDir
    Path dir;

    private DecoderRegistry registry(String... keyValues) {
        String[] all = new String[keyValues.length + 2];
        all[0] = "segue.sonic.temp-dir";
        all[1] = dir.toString();
        System.arraycopy(keyValues, 0, all, 2, keyValues.length);
        return TestDecoders.registry(TestSonicConfig.of(all));
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }

    @Test
    void downWhenTheChosenFfmpegDoesNotRunWithWhatToFix() {
        Path missing = dir.resolve("no-such-ffmpeg");
        HealthCheckResponse response = new DecoderReadinessCheck(registry("segue.sonic.decoder", "ffmpeg",
                "segue.sonic.ffmpeg-path", missing.toString())).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(response).get("reason")).isEqualTo("segue.sonic.decoder=ffmpeg: '" + missing + " -version'"
                + " does not run; install ffmpeg or set segue.sonic.ffmpeg-path (SEGUE_SONIC_FFMPEG_PATH) to its executable");
        assertThat(data(response).get("ffmpeg")).isEqualTo("unavailable (not found or not runnable: " + missing + ")");
        assertThat((String) data(response).get("java")).startsWith("available (javax.sound");
    }

    @Test
    void upWithJavaChosen() {
        HealthCheckResponse response = new DecoderReadinessCheck(registry("segue.sonic.decoder", "java")).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat((String) data(response).get("java")).startsWith("available, selected (javax.sound");
        assertThat(data(response)).doesNotContainKey("reason");
    }

    @Test
    void autoWithoutFfmpegIsDownWhileTooManyJavaDecoderThreadsAreStuck() throws Exception {
        Path missing = dir.resolve("no-such-ffmpeg");
        DecoderRegistry registry = registry("segue.sonic.ffmpeg-path", missing.toString());
        DecoderReadinessCheck check = new DecoderReadinessCheck(registry);
        JavaSoundDecoder java = (JavaSoundDecoder) registry.selected().orElseThrow();

        List<Path> fifos = Fifos.stick(java, dir, Fifos.STUCK_LIMIT);
        try {
            HealthCheckResponse down = check.call();
            assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat((String) data(down).get("reason")).startsWith("segue.sonic.decoder=auto: '" + missing + " -version'"
                    + " does not run; install ffmpeg or set segue.sonic.ffmpeg-path (SEGUE_SONIC_FFMPEG_PATH) to its"
                    + " executable; " + Fifos.STUCK_LIMIT + " Java decoder threads are stuck");
        } finally {
            for (Path fifo : fifos) {
                Fifos.release(fifo);
            }
        }

        Fifos.awaitStuck(java, 0);
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
