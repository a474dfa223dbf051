package dev.segue.playlist.service;

/** {@link Admission} refused a computation: answered 503 with Retry-After. */
public class Overloaded extends RuntimeException {

    private final int retryAfterSeconds;

    Overloaded(String detail, int retryAfterSeconds) {
        super(detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
