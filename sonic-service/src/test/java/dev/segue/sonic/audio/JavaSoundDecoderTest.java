package dev.segue.sonic.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java decoder when its input hangs (a named pipe that delivers nothing more). */
class JavaSoundDecoderTest {

    @TempDir
    Path dir;

    /**
     * A WAV header and a little audio, then nothing while the pipe stays open: the read blocks, and
     * interrupting the decoder thread at the deadline ends it, so nothing is left stuck.
     */
    @Test
    void aStalledReadTimesOutAndItsThreadEnds() throws Exception {
        Path fifo = Fifos.create(dir.resolve("stalled.wav"));
        CountDownLatch finished = new CountDownLatch(1);
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            try (OutputStream out = new FileOutputStream(fifo.toFile())) {
                out.write(wavHeader(22_050, 600));
                out.write(new byte[4096]);
                out.flush();
                finished.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JavaSoundDecoder decoder = new JavaSoundDecoder();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> decoder.decode(fifo, SegmentPlan.wholeFile(), Instant.now().plusSeconds(2)))
                        .isInstanceOf(DecodeException.class)
                        .hasMessage("the Java decoder did not finish within the per-file timeout; abandoned"));

        Fifos.awaitStuck(decoder, 0);
        assertThat(decoder.available()).isTrue();
        finished.countDown();
        writer.join(Duration.ofSeconds(10));
    }

    @Test
    void threadsThatIgnoreInterruptionAreCountedAndAtTheLimitTheDecoderIsUnavailable() throws Exception {
        JavaSoundDecoder decoder = new JavaSoundDecoder();
        int limit = JavaSoundDecoder.MAX_STUCK_THREADS;

        List<Path> first = Fifos.stick(decoder, dir, limit - 1);
        List<Path> last = List.of();
        try {
            assertThat(decoder.stuckThreads()).isEqualTo(limit - 1);
            assertThat(decoder.available()).isTrue();

            last = Fifos.stick(decoder, dir, 1);

            assertThat(decoder.stuckThreads()).isEqualTo(limit);
            assertThat(decoder.available()).isFalse();
            assertThat(decoder.description()).endsWith("; " + limit + " decoder thread(s) stuck past their timeout");
            assertThat(decoder.unavailableReason()).startsWith(limit + " Java decoder threads are stuck on files");
        } finally {
            for (Path fifo : first) {
                Fifos.release(fifo);
            }
            for (Path fifo : last) {
                Fifos.release(fifo);
            }
        }

        // once their reads return, the threads end and the decoder takes files again
        Fifos.awaitStuck(decoder, 0);
        assertThat(decoder.available()).isTrue();
        assertThat(decoder.description()).doesNotContain("stuck");
    }

    /** 16-bit mono PCM WAV header announcing {@code seconds} of audio. */
    private static byte[] wavHeader(int rate, int seconds) {
        int dataBytes = rate * 2 * seconds;
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
                .putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(dataBytes);
        return b.array();
    }
}
