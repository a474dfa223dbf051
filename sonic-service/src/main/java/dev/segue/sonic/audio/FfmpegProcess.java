package dev.segue.sonic.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Process control for ffmpeg and ffprobe: one process against a deadline, killed with what it started when
 * it outlives it, and how it ended turned into a {@link DecodeException} that says why.
 */
final class FfmpegProcess {

    /** Extensions that are audio for sure: ffmpeg failing on them means a broken file, not a foreign format. */
    private static final Set<String> AUDIO_EXTENSIONS = Set.of("mp3", "mp2", "flac", "ogg", "oga", "opus", "m4a", "m4b",
            "mp4", "aac", "wav", "wave", "aif", "aiff", "aifc", "wma", "ape", "wv", "mpc", "alac", "dsf", "dff",
            "tta", "ac3", "dts", "mka", "caf", "spx", "au", "snd");
    private static final int MAX_ERROR_CHARS = 300;
    /** How long a killed process may take to exit, so that it writes no temp file after we delete them. */
    private static final long KILL_WAIT_SECONDS = 5;

    private FfmpegProcess() {
    }

    /**
     * Runs {@code command} with stdout to {@code out} (discarded when null) and stderr to {@code err}.
     * {@code file} is the input the failure is blamed on: its extension tells a broken audio file from a
     * format ffmpeg does not read.
     */
    static void run(List<String> command, Path out, Path err, Instant deadline, Path file)
            throws IOException, DecodeException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
        builder.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
        Process process = builder.start();
        try {
            long waitMs = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            if (!process.waitFor(waitMs, TimeUnit.MILLISECONDS)) {
                kill(process);
                throw DecodeException.failed(command.getFirst() + " did not finish within the per-file timeout; killed");
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw DecodeException.failed("interrupted while decoding");
        }
        int exit = process.exitValue();
        if (exit != 0) {
            String message = lastLines(text(err));
            // the JDK reports a process ended by signal n as 128 + n; a crash says nothing about the format
            if (exit > 128 && exit <= 128 + 64) {
                throw DecodeException.failed(command.getFirst() + " was killed by signal " + (exit - 128)
                        + (message.isEmpty() ? "" : ": " + message));
            }
            String reason = message.isEmpty() ? "exit code " + exit : message;
            if (!AUDIO_EXTENSIONS.contains(FileExtension.of(file))) {
                throw DecodeException.unsupported("not an audio format ffmpeg can read: " + reason);
            }
            throw DecodeException.failed("ffmpeg cannot decode the file: " + reason);
        }
    }

    /** Kills the process and what it started (a wrapper script's children), and waits for it to exit. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A time argument (seconds, never negative). */
    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, s));
    }

    /** Lenient: a crashing process may leave bytes that are not UTF-8, which must not hide what it said. */
    static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static String lastLines(String stderr) {
        String trimmed = stderr.strip().replaceAll("[\\s\\p{Cntrl}]+", " ");
        return trimmed.length() <= MAX_ERROR_CHARS ? trimmed : "…" + trimmed.substring(trimmed.length() - MAX_ERROR_CHARS);
    }
}
