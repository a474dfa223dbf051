package dev.segue.sonic.audio;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Decodes a file to mono float PCM at 22,050 Hz. Implementations are thread-safe. */
public interface AudioDecoder {

    int SAMPLE_RATE = 22_050;

    String name();

    boolean available();

    /** Human-readable description for stats/readiness (version, formats). */
    String description();

    /** The duration of the file in milliseconds, when it can be found without decoding it. */
    OptionalLong probeDurationMs(Path file, Instant deadline) throws DecodeException;

    DecodedAudio decode(Path file, SegmentPlan plan, Instant deadline) throws DecodeException;

    record Job(Path file, SegmentPlan plan) {
    }

    /**
     * Decodes several files at once when that is cheaper than one by one (ffmpeg: one process start
     * for all). A process decoding k of the files may take k × {@code fileTimeout}, so a batch of
     * files that each decode in time is never cut short. Empty when the decoder cannot batch or the
     * batch failed.
     */
    default Optional<DecodedBatch> decodeBatch(List<Job> jobs, Duration fileTimeout) {
        return Optional.empty();
    }

    /**
     * The decoded files of a batch, handed out one at a time so that only the file being analysed is
     * held in memory (a batch of 16 four-minute tracks is ~140 MB of PCM). Closing it discards what
     * was not taken.
     */
    interface DecodedBatch extends AutoCloseable {

        /** The audio of the job at {@code index}, once; null when the batch could not take that file: decode it alone. */
        DecodedAudio take(int index);

        @Override
        void close();
    }
}
