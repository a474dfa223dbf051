package dev.segue.library.migration;

import java.util.List;

/** The schema of one database: its version, the migrations applied, those a start would apply, and its backups. */
public record MigrationsView(String database, String currentVersion, List<AppliedMigration> applied,
        List<PendingMigration> pending, BackupStatus backup) {
}
