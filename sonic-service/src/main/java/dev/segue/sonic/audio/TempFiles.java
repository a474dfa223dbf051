package dev.segue.sonic.audio;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The decoder's temporary files: deleted as soon as they are read, and what a killed process left behind. */
final class TempFiles {

    private TempFiles() {
    }

    /**
     * Deletes what a killed process left in {@code dir} (up to ~3 MB of PCM per window in flight). Only
     * files older than {@code olderThan} go: replicas on one host may share the directory, and a live
     * batch's files are younger than the longest a batch may take.
     *
     * @return how many files were deleted
     */
    static int removeStale(Path dir, Duration olderThan) {
        Instant cutoff = Instant.now().minus(olderThan);
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        } catch (IOException e) {
            // a file another replica removed first, or an unreadable directory: cleaning up is best effort
        }
        return removed;
    }

    static void delete(List<WindowFile> windows) {
        windows.forEach(w -> deleteQuietly(w.file()));
    }

    static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover temp file is harmless and cleaned with the temp directory
        }
    }
}
