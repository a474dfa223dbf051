package dev.segue.library.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * What the migration report and the backup before a migration ask of a database, on a connection of its own
 * (the migration's connection is inside the migration's transaction). Not a bean: it serves any Flyway,
 * also one a caller points at another database, and it is used while Flyway configures itself.
 * Failures are {@link DatabaseUnreadable}.
 */
public final class DatabaseInspection implements AutoCloseable {

    private final Connection connection;

    private DatabaseInspection(Connection connection) {
        this.connection = connection;
    }

    /** Opens a connection to the database {@code flyway} migrates. */
    public static DatabaseInspection open(Configuration flyway) {
        try {
            return new DatabaseInspection(flyway.getDataSource().getConnection());
        } catch (SQLException e) {
            throw new DatabaseUnreadable(e);
        }
    }

    public String database() {
        return scalar("SELECT current_database()");
    }

    public int serverMajor() {
        return Integer.parseInt(scalar("SHOW server_version_num")) / 10000;
    }

    /** The JDBC URL of the connection. */
    public String url() {
        try {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new DatabaseUnreadable(e);
        }
    }

    public String user() {
        try {
            return connection.getMetaData().getUserName();
        } catch (SQLException e) {
            throw new DatabaseUnreadable(e);
        }
    }

    /** The highest version the schema history records as applied, "0" for none. */
    public String currentVersion(Configuration flyway) {
        try {
            return currentVersion(connection, flyway);
        } catch (SQLException e) {
            throw new DatabaseUnreadable(e);
        }
    }

    private String currentVersion(Connection c, Configuration flyway) throws SQLException {
        String schema = flyway.getDefaultSchema() != null ? flyway.getDefaultSchema()
                : flyway.getSchemas().length > 0 ? flyway.getSchemas()[0] : scalar("SELECT current_schema()");
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
    public List<String> tablesWithRows(String historyTable) {
        try {
            return tablesWithRows(connection, historyTable);
        } catch (SQLException e) {
            throw new DatabaseUnreadable(e);
        }
    }

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

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DatabaseUnreadable(e);
        }
    }

    private String scalar(String sql) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new DatabaseUnreadable(e);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
