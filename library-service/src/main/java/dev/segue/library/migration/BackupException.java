package dev.segue.library.migration;

/** A backup that could not be taken: the migration it was to protect does not run. */
public class BackupException extends RuntimeException {

    BackupException(String message) {
        super(message);
    }

    BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
