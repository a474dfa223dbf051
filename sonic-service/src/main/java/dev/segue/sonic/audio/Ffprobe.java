package dev.segue.sonic.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/** A file's duration from ffprobe, for tracks the library has none for; also finds files without audio. */
final class Ffprobe {

    private final String ffprobe;
    private final Path tempDir;

    Ffprobe(String ffprobe, Path tempDir) {
        this.ffprobe = ffprobe;
        this.tempDir = tempDir;
    }

    OptionalLong durationMs(Path file, Instant deadline) throws DecodeException {
        Path err = null;
        try {
            err = Files.createTempFile(tempDir, "ffprobe", ".err");
            Path out = Files.createTempFile(tempDir, "ffprobe", ".out");
            try {
                FfmpegProcess.run(List.of(ffprobe, "-v", "error", "-select_streams", "a:0",
                        "-show_entries", "stream=channels:format=duration", "-of", "default=nw=1",
                        file.toString()), out, err, deadline, file);
                String text = FfmpegProcess.text(out);
                if (!text.contains("channels=")) {
                    throw DecodeException.failed("no audio stream in the file");
                }
                for (String line : text.split("\n")) {
                    line = line.trim();
                    if (line.equals("channels=0")) {
                        throw DecodeException.failed("the audio stream has 0 channels");
                    }
                    if (line.startsWith("duration=") && !line.equals("duration=N/A")) {
                        double seconds = Double.parseDouble(line.substring("duration=".length()));
                        return OptionalLong.of(Math.round(seconds * 1000));
                    }
                }
                return OptionalLong.empty();
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException | NumberFormatException e) {
            throw DecodeException.failed("ffprobe failed: " + e.getMessage());
        } finally {
            TempFiles.deleteQuietly(err);
        }
    }
}
