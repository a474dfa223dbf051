package dev.segue.cli;

/** The command line needs a change (unknown option, missing or malformed value, ambiguous seed): exit status 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
