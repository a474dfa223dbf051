package dev.segue.library.migration;

/** A migration this build ships that the database has not applied: the next start applies it. */
public record PendingMigration(String version, String description, String script, Integer checksum) {
}
