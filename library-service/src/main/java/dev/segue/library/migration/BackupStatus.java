package dev.segue.library.migration;

/**
 * Whether the next migration would be backed up: the settings, the pg_dump that would run (or why none
 * can), and the newest backup already taken of this database.
 */
public record BackupStatus(boolean enabled, String directory, int retain, String pgDump, String problem, BackupFile lastBackup) {
}
