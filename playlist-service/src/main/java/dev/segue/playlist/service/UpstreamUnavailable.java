package dev.segue.playlist.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.commons.problem.ProblemException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A gateway call whose service failed (down, slow, answering 5xx) after its retries: a 503 problem naming the
 * service and the cause, so the page says what is wrong instead of going blank. Answers of the service (4xx)
 * never get here: they pass on as they are.
 */
public class UpstreamUnavailable implements FallbackHandler<JsonNode> {

    private static final Logger LOG = Logger.getLogger(UpstreamUnavailable.class);

    @Override
    public JsonNode handle(ExecutionContext context) {
        Upstream upstream = context.getMethod().getDeclaringClass().getAnnotation(Upstream.class);
        String service = upstream == null ? "a Segue service" : upstream.value();
        String detail = service + " is unavailable: " + cause(context.getFailure())
                + ". The other pages keep working; Home shows each service's readiness.";
        LOG.debugf("%s.%s: %s", context.getMethod().getDeclaringClass().getSimpleName(), context.getMethod().getName(), detail);
        throw new ProblemException(503, "Service Unavailable", detail);
    }

    static String cause(Throwable failure) {
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
