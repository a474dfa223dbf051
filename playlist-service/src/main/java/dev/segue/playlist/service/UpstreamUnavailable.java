package dev.segue.playlist.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.commons.problem.ProblemException;
import dev.segue.playlist.client.UpstreamFailure;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
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
        String detail = service + " is unavailable: " + UpstreamFailure.describe(context.getFailure())
                + ". The other pages keep working; Home shows each service's readiness.";
        LOG.debugf("%s.%s: %s", context.getMethod().getDeclaringClass().getSimpleName(), context.getMethod().getName(), detail);
        throw new ProblemException(503, "Service Unavailable", detail);
    }
}
