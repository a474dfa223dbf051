package dev.segue.library.migration;

import java.time.Instant;

/** One dump on disk: the database and schema version it holds, and when it was taken. */
public record BackupFile(String path, String database, String fromVersion, long sizeBytes, Instant takenAt) {
}
