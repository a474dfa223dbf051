package dev.segue.enrichment.client;

/**
 * No request reaches the source any more ({@link SourceStatus#unreachable}): not retried, and a run
 * stops asking the source, giving its entities back, instead of recording each one as failed.
 */
public class SourceUnreachableException extends SourceUnavailableException {

    public SourceUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
