package dev.segue.library.migration;

import java.time.Instant;

/** A row of Flyway's schema history: what ran, when, and whether it succeeded. */
public record AppliedMigration(String version, String description, String type, String script, Integer checksum,
        Instant installedOn, String installedBy, Integer executionTimeMs, String state, boolean success) {
}
