package dev.segue.enrichment.client;

/** The source refuses us for good (invalid or suspended API key): stop calling it until reconfigured. */
public class SourceDisabledException extends RuntimeException {

    public SourceDisabledException(String message) {
        super(message);
    }
}
