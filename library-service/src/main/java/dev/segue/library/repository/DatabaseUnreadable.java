package dev.segue.library.repository;

import java.sql.SQLException;

/** The database could not be inspected; the message is the driver's. */
public final class DatabaseUnreadable extends RuntimeException {

    DatabaseUnreadable(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
