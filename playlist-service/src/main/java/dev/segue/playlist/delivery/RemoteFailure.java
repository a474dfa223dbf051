package dev.segue.playlist.delivery;

/** A server that failed (down, slow, 5xx, an answer that is not what its API sends): retried where idempotent. */
public class RemoteFailure extends RuntimeException {

    public RemoteFailure(String message) {
        super(message);
    }

    public RemoteFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
