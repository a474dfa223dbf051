package dev.segue.library.migration;

import dev.segue.library.config.MigrationConfig;
import dev.segue.library.repository.DatabaseInspection;
import dev.segue.library.repository.DatabaseUnreadable;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.jboss.logging.Logger;

/**
 * Flyway callback: before the first migration a {@code migrate()} applies to a database that holds rows,
 * dump that database with pg_dump. It runs inside Flyway's migration lock, so of several services starting
 * at once only the one that actually migrates takes the backup, and nothing migrates while it is taken.
 * A backup that cannot be taken aborts the migration: the service does not start on a half-protected upgrade.
 */
final class MigrationBackup implements Callback {

    private static final Logger LOG = Logger.getLogger(MigrationBackup.class);

    private final MigrationConfig.Backup config;
    private final BackupStore store;
    private final Optional<String> configuredPassword;
    private final Clock clock;
    private volatile boolean checkedThisRun;

    MigrationBackup(MigrationConfig.Backup config, Optional<String> configuredPassword, Clock clock) {
        this.config = config;
        this.store = new BackupStore(config.directory(), config.retain());
        this.configuredPassword = configuredPassword;
        this.clock = clock;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE || event == Event.BEFORE_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (event == Event.BEFORE_MIGRATE) {
            checkedThisRun = false;
        } else if (!checkedThisRun) {
            checkedThisRun = true;
            protect(context.getConfiguration(), context.getMigrationInfo());
        }
    }

    @Override
    public String getCallbackName() {
        return "segue-migration-backup";
    }

    private void protect(Configuration flyway, MigrationInfo next) {
        String nextMigration = next == null ? "pending migrations" : "V" + next.getVersion() + " " + next.getDescription();
        String database = "(unknown)";
        // a connection of its own: the migration's connection is inside the migration's transaction
        try (DatabaseInspection db = DatabaseInspection.open(flyway)) {
            database = db.database();
            String fromVersion = db.currentVersion(flyway);
            List<String> tablesWithRows = db.tablesWithRows(flyway.getTable());
            if (tablesWithRows.isEmpty()) {
                LOG.infof("Database %s (version %s) holds no rows: applying %s without a backup, there is nothing to lose",
                        database, fromVersion, nextMigration);
                return;
            }
            if (!config.enabled()) {
                LOG.warnf("Applying %s to database %s (version %s, data in %s) WITHOUT a backup because "
                        + "SEGUE_LIBRARY_MIGRATION_BACKUP_ENABLED=false; a failed upgrade can only be undone from a dump you took yourself "
                        + "(docs/operations.md, Backup and restore)", nextMigration, database, fromVersion, String.join(", ", tablesWithRows));
                return;
            }
            int serverMajor = db.serverMajor();
            PgDump pgDump = PgDump.locate(config.pgDump(), serverMajor);
            Map<String, String> environment = libpqEnvironment(db.url(), db.user(), database);
            long started = System.nanoTime();
            LOG.infof("Backing up database %s (version %s) to %s with %s before applying %s", database, fromVersion,
                    store.directory(), pgDump.versionLine(), nextMigration);
            BackupFile backup = store.write(database, fromVersion, clock.instant(),
                    file -> pgDump.dump(environment, file, config.timeout()));
            LOG.infof("Backed up database %s (version %s) to %s: %d bytes in %d ms; restore with: pg_restore --no-owner -d <empty database> %s",
                    database, fromVersion, backup.path(), backup.sizeBytes(), (System.nanoTime() - started) / 1_000_000, backup.path());
        } catch (BackupException e) {
            throw new FlywayException("Not migrating database " + database + ": the backup before " + nextMigration + " failed. "
                    + e.getMessage(), e);
        } catch (DatabaseUnreadable e) {
            throw new FlywayException("Not migrating database " + database + ": could not inspect it before taking a backup: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Where pg_dump connects: the host, port and database of the very connection Flyway migrates through,
     * as libpq environment variables (the password never on a command line). Other PG* variables of the
     * service's environment (PGSSLROOTCERT, ...) reach pg_dump unchanged.
     */
    private Map<String, String> libpqEnvironment(String url, String user, String database) {
        Properties parsed = org.postgresql.Driver.parseURL(url, null);
        if (parsed == null) {
            throw new BackupException("Cannot tell pg_dump where to connect: '" + url.replaceAll("\\?.*", "") + "' is not a PostgreSQL JDBC URL");
        }
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", parsed.getProperty("PGHOST", "localhost"));
        env.put("PGPORT", parsed.getProperty("PGPORT", "5432"));
        env.put("PGDATABASE", database);
        env.put("PGUSER", user);
        Optional.ofNullable(parsed.getProperty("password")).or(() -> configuredPassword).ifPresent(p -> env.put("PGPASSWORD", p));
        Optional.ofNullable(parsed.getProperty("sslmode")).ifPresent(mode -> env.put("PGSSLMODE", mode));
        env.put("PGAPPNAME", "segue-library-backup");
        return env;
    }
}
