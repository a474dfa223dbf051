package dev.segue.playlist.client;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** Why a call to another Segue service failed, in words for a problem's detail or a readiness line. */
public final class UpstreamFailure {

    private UpstreamFailure() {
    }

    public static String describe(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "it did not answer in time";
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "it has been failing, so calls to it are paused for a few seconds";
        }
        if (failure instanceof WebApplicationException e) {
            return "it answered " + e.getResponse().getStatus() + " " + e.getResponse().getStatusInfo().getReasonPhrase();
        }
        if (failure instanceof ProcessingException) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root.getClass().getSimpleName().contains("Timeout")) {
                return "it did not answer in time";
            }
            return "it cannot be reached (" + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()) + ")";
        }
        return "the call failed (" + failure.getClass().getSimpleName() + ")";
    }
}
