package dev.segue.enrichment.client;

/**
 * The source could not answer now (rate limited, offline, 5xx, timeout, unreadable answer): retry
 * later. Counts as a failure for the source's circuit breaker, never as a verdict on the entity.
 */
public class SourceUnavailableException extends RuntimeException {

    public SourceUnavailableException(String message) {
        super(message);
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
