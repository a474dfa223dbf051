package dev.segue.sonic.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.segue.commons.problem.ProblemException;
import dev.segue.sonic.analysis.TestDecoders;
import dev.segue.sonic.config.TestSonicConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisRunServiceTest {

    @Test
    void aRunIsRefusedWith503AndTheReasonWhenTheChosenDecoderCannotRun(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-ffmpeg");
        AnalysisRunService runs = new AnalysisRunService(null, null, null, TestDecoders.registry(TestSonicConfig.of(
                "segue.sonic.temp-dir", dir.toString(), "segue.sonic.decoder", "ffmpeg",
                "segue.sonic.ffmpeg-path", missing.toString())));

        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> runs.start(new RunRequest("pending", null, false)));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.getMessage()).isEqualTo("no decoder can run: segue.sonic.decoder=ffmpeg: '" + missing
                + " -version' does not run; install ffmpeg or set segue.sonic.ffmpeg-path (SEGUE_SONIC_FFMPEG_PATH)"
                + " to its executable");
    }
}
