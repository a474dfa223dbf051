package dev.segue.sonic.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Named pipes that make the Java decoder hang: opening one that nobody writes to blocks in open(2),
 * which neither interruption nor closing ends, so the decoder thread is stuck until the pipe is released.
 */
public final class Fifos {

    /** How many stuck threads make the Java decoder unavailable, for tests outside its package. */
    public static final int STUCK_LIMIT = JavaSoundDecoder.MAX_STUCK_THREADS;
    /** Long enough for a loaded machine to start the decoder thread before the deadline. */
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private Fifos() {
    }

    public static Path create(Path file) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        return file;
    }

    /**
     * Lets the readers go: opening the pipe for reading and writing never blocks (Linux) and ends a
     * blocked open(); the path then becomes an empty file, since javax.sound reopens a file for each
     * of its readers; closing the writer gives end-of-file to the reader that holds the pipe.
     */
    public static void release(Path fifo) throws IOException {
        Path empty = Files.createTempFile(fifo.getParent(), "released", ".wav");
        try (RandomAccessFile writer = new RandomAccessFile(fifo.toFile(), "rw")) {
            Files.move(empty, fifo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Leaves {@code count} decoder threads stuck on new pipes in {@code dir}, the last one reading a
     * header (a probe), the others decoding; each call fails with its timeout. Release the pipes returned.
     */
    public static List<Path> stick(JavaSoundDecoder decoder, Path dir, int count) throws Exception {
        List<Path> fifos = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path fifo = create(dir.resolve("nobody-writes-" + System.nanoTime() + ".wav"));
                fifos.add(fifo);
                boolean probe = i == count - 1;
                calls.add(callers.submit(() -> {
                    Instant deadline = Instant.now().plus(DEADLINE);
                    if (probe) {
                        assertThatThrownBy(() -> decoder.probeDurationMs(fifo, deadline)).isInstanceOf(DecodeException.class)
                                .hasMessage("reading the audio header did not finish within the per-file timeout; abandoned");
                    } else {
                        assertThatThrownBy(() -> decoder.decode(fifo, SegmentPlan.wholeFile(), deadline))
                                .isInstanceOf(DecodeException.class)
                                .hasMessage("the Java decoder did not finish within the per-file timeout; abandoned");
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                // a call that blocks its caller fails here instead of hanging the build
                call.get(30, TimeUnit.SECONDS);
            }
            return fifos;
        } catch (Exception | AssertionError e) {
            for (Path fifo : fifos) {
                release(fifo);
            }
            throw e;
        } finally {
            callers.shutdown();
        }
    }

    /** Waits (generously) until the decoder counts {@code expected} stuck threads. */
    public static void awaitStuck(JavaSoundDecoder decoder, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (decoder.stuckThreads() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(decoder.stuckThreads()).isEqualTo(expected);
    }
}
