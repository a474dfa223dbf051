package dev.segue.library.repository;

import dev.segue.commons.database.DatabaseOutage;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/** The bulk path of a scan: artists, albums and tracks written in JDBC batches through a {@link ScanWriter}. */
@ApplicationScoped
public class TrackScanRepository {

    private final AgroalDataSource dataSource;

    TrackScanRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A writer on a connection of its own, for one root of run {@code runId}; the caller closes it. */
    public ScanWriter open(long runId) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            return new ScanWriter(connection, runId);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Tells a database outage from a failure and waits it out, logging to {@code log}. */
    public DatabaseOutage outage(Logger log) {
        return new DatabaseOutage(dataSource, log);
    }
}
