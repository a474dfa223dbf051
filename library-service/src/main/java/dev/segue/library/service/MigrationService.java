package dev.segue.library.service;

import dev.segue.commons.problem.ProblemException;
import dev.segue.library.config.MigrationConfig;
import dev.segue.library.migration.AppliedMigration;
import dev.segue.library.migration.BackupException;
import dev.segue.library.migration.BackupStatus;
import dev.segue.library.migration.BackupStore;
import dev.segue.library.migration.MigrationsView;
import dev.segue.library.migration.PendingMigration;
import dev.segue.library.migration.PgDump;
import dev.segue.library.repository.DatabaseInspection;
import dev.segue.library.repository.DatabaseUnreadable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/** What the schema migrations did and would do (Flyway's info, a dry run), and the backups taken before them. */
@ApplicationScoped
public class MigrationService {

    private final Flyway flyway;
    private final MigrationConfig config;

    MigrationService(Flyway flyway, MigrationConfig config) {
        this.flyway = flyway;
        this.config = config;
    }

    public MigrationsView report() {
        return report(flyway);
    }

    /** The report for any Flyway, e.g. one pointed at another database. */
    public MigrationsView report(Flyway target) {
        String database;
        int serverMajor;
        MigrationInfoService info;
        try (DatabaseInspection db = DatabaseInspection.open(target.getConfiguration())) {
            database = db.database();
            serverMajor = db.serverMajor();
            info = target.info();
        } catch (DatabaseUnreadable | FlywayException e) {
            throw new ProblemException(503, "Service Unavailable",
                    "Cannot read the schema history from the database: " + e.getMessage() + ". Check that PostgreSQL is reachable.");
        }
        MigrationInfo current = info.current();
        List<AppliedMigration> applied = Arrays.stream(info.applied()).map(MigrationService::applied).toList();
        List<PendingMigration> pending = Arrays.stream(info.pending())
                .map(m -> new PendingMigration(version(m), m.getDescription(), m.getScript(), m.getChecksum())).toList();
        return new MigrationsView(database, current == null || current.getVersion() == null ? null : current.getVersion().getVersion(),
                applied, pending, backupStatus(database, serverMajor));
    }

    private BackupStatus backupStatus(String database, int serverMajor) {
        MigrationConfig.Backup backup = config.backup();
        BackupStore store = new BackupStore(backup.directory(), backup.retain());
        String pgDump = null;
        String problem = null;
        if (backup.enabled()) {
            try {
                PgDump found = PgDump.locate(backup.pgDump(), serverMajor);
                pgDump = found.executable() + " (" + found.versionLine() + ")";
            } catch (BackupException e) {
                problem = e.getMessage();
            }
        } else {
            problem = "Backups before migrations are disabled (SEGUE_LIBRARY_MIGRATION_BACKUP_ENABLED=false).";
        }
        return new BackupStatus(backup.enabled(), store.directory().toString(), backup.retain(), pgDump, problem,
                store.latest(database).orElse(null));
    }

    private static AppliedMigration applied(MigrationInfo m) {
        return new AppliedMigration(version(m), m.getDescription(), m.getType().name(), m.getScript(), m.getChecksum(),
                m.getInstalledOn() == null ? null : m.getInstalledOn().toInstant(), m.getInstalledBy(), m.getExecutionTime(),
                m.getState().getDisplayName(), !m.getState().isFailed());
    }

    private static String version(MigrationInfo m) {
        return m.getVersion() == null ? null : m.getVersion().getVersion();
    }
}
