package dev.segue.library.scan;

import java.nio.file.Path;
import java.time.Instant;

/** An audio file the walk found: where it is, and the (size, mtime) that decide whether it is read again. */
public record DiscoveredFile(Path path, String pathText, long size, Instant mtime, String format) {

    /** The mtime in epoch microseconds, PostgreSQL's precision, as tracks and scan_errors store it. */
    public long mtimeMicros() {
        return mtime.getEpochSecond() * 1_000_000 + mtime.getNano() / 1_000;
    }
}
