package dev.segue.library.migration;

import dev.segue.library.config.MigrationConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
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
        try (Connection c = flyway.getDataSource().getConnection()) {
            database = scalar(c, "SELECT current_database()");
            String fromVersion = currentVersion(c, flyway);
            List<String> tablesWithRows = tablesWithRows(c, flyway.getTable());
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
            int serverMajor = Integer.parseInt(scalar(c, "SHOW server_version_num")) / 10000;
            PgDump pgDump = PgDump.locate(config.pgDump(), serverMajor);
            Map<String, String> environment = libpqEnvironment(c, database);
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
        } catch (SQLException e) {
            throw new FlywayException("Not migrating database " + database + ": could not inspect it before taking a backup: "
                    + e.getMessage(), e);
        }
    }

    /** The highest version the schema history records as applied, "0" for none. */
    private static String currentVersion(Connection c, Configuration flyway) throws SQLException {
        String schema = flyway.getDefaultSchema() != null ? flyway.getDefaultSchema()
                : flyway.getSchemas().length > 0 ? flyway.getSchemas()[0] : scalar(c, "SELECT current_schema()");
        String history = quote(schema) + "." + quote(flyway.getTable());
        try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, history);
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return "0";
                }
            }
        }
        MigrationVersion current = MigrationVersion.EMPTY;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM " + history + " WHERE success AND version IS NOT NULL")) {
            while (rs.next()) {
                MigrationVersion version = MigrationVersion.fromVersion(rs.getString(1));
                if (version.isNewerThan(current)) {
                    current = version;
                }
            }
        }
        return current == MigrationVersion.EMPTY ? "0" : current.getVersion();
    }

    /** User tables (any schema) that hold at least one row; Flyway's own history does not count as data. */
    private static List<String> tablesWithRows(Connection c, String historyTable) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT format('%I.%I', schemaname, tablename) FROM pg_tables
                WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> ?
                ORDER BY 1""")) {
            ps.setString(1, historyTable);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        List<String> withRows = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        withRows.add(table);
                    }
                }
            }
        }
        return withRows;
    }

    /**
     * Where pg_dump connects: the host, port and database of the very connection Flyway migrates through,
     * as libpq environment variables (the password never on a command line). Other PG* variables of the
     * service's environment (PGSSLROOTCERT, ...) reach pg_dump unchanged.
     */
    private Map<String, String> libpqEnvironment(Connection c, String database) throws SQLException {
        String url = c.getMetaData().getURL();
        Properties parsed = org.postgresql.Driver.parseURL(url, null);
        if (parsed == null) {
            throw new BackupException("Cannot tell pg_dump where to connect: '" + url.replaceAll("\\?.*", "") + "' is not a PostgreSQL JDBC URL");
        }
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", parsed.getProperty("PGHOST", "localhost"));
        env.put("PGPORT", parsed.getProperty("PGPORT", "5432"));
        env.put("PGDATABASE", database);
        env.put("PGUSER", c.getMetaData().getUserName());
        Optional.ofNullable(parsed.getProperty("password")).or(() -> configuredPassword).ifPresent(p -> env.put("PGPASSWORD", p));
        Optional.ofNullable(parsed.getProperty("sslmode")).ifPresent(mode -> env.put("PGSSLMODE", mode));
        env.put("PGAPPNAME", "segue-library-backup");
        return env;
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
