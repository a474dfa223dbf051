package dev.segue.commons.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Tells a database that went away (restarted, crashed, unreachable) from a statement that failed, and
 * lets background work wait for it to come back instead of dying or failing row after row. Every
 * thread of a service shares one instance, so an outage is logged once when it starts and once when
 * it ends, however many threads wait.
 */
public final class DatabaseOutage {

    /** Server shutting down, crashed or still starting: the database, not the statement, is the problem. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");
    private static final Duration PROBE_EVERY = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final Logger log;
    private final AtomicReference<Instant> since = new AtomicReference<>();

    public DatabaseOutage(DataSource dataSource, Logger log) {
        this.dataSource = dataSource;
        this.log = log;
    }

    /**
     * True when {@code failure} (or one of its causes) says the connection to the database is lost or
     * cannot be made: SQLState class 08 (connection exception), an administrator or crash shutdown,
     * or a server that is still starting.
     */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    String state = e.getSQLState();
                    if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * True when {@code failure} comes from the database being away: its SQLState says so, or the
     * database does not answer right now (a connection lost at commit reaches the caller as a
     * transaction exception without an SQLState).
     */
    public boolean explains(Throwable failure) {
        return isOutage(failure) || !reachable();
    }

    /** The innermost message of the failure, for a log line or a status without a stack trace. */
    public static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    /**
     * Blocks until the database answers again, probing once a second. The first thread to wait logs
     * what {@code paused} describes; the first to see the database back logs how long it was away.
     *
     * @throws InterruptedException when the service stops meanwhile
     */
    public void await(String paused, Throwable cause) throws InterruptedException {
        Instant now = Instant.now();
        if (since.compareAndSet(null, now)) {
            log.warnf("The database is unavailable (%s); %s when it is back", reason(cause), paused);
        }
        while (!reachable()) {
            Thread.sleep(PROBE_EVERY.toMillis());
        }
        Instant began = since.getAndSet(null);
        if (began != null) {
            log.infof("The database is back after %d s; work resumes", Duration.between(began, Instant.now()).toSeconds());
        }
    }

    /**
     * Runs {@code action}; while it fails because the database is away, waits for the database (see
     * {@link #await}) and runs it again, so a finished piece of work is recorded rather than lost.
     *
     * @return false when the service stopped while waiting and the action did not complete
     * @throws RuntimeException what the action threw for any other reason
     */
    public boolean retry(String paused, Runnable action) {
        while (true) {
            try {
                action.run();
                return true;
            } catch (RuntimeException e) {
                if (!explains(e)) {
                    throw e;
                }
                try {
                    await(paused, e);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /**
     * One cheap round trip; false while the database cannot be reached. A statement rather than
     * {@code isValid}: its failure marks a pooled connection from before the outage as broken, so the
     * pool discards it instead of handing it out again.
     */
    public boolean reachable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            s.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
