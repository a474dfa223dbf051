package dev.segue.playlist.service;

import dev.segue.commons.problem.ProblemException;
import dev.segue.playlist.delivery.PushResult;
import dev.segue.playlist.delivery.RemoteFailure;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * A push whose server failed (down, slow, 5xx, garbage) after the client's retries: a problem naming the target
 * and the cause. Refusals the user must fix (credentials, unknown section) are problems already and skip this.
 */
public class PushFailed implements FallbackHandler<PushResult> {

    @Override
    public PushResult handle(ExecutionContext context) {
        Object[] p = context.getParameters();
        String target = String.valueOf(p[1]);
        Throwable failure = context.getFailure();
        int status = failure instanceof TimeoutException ? 504 : failure instanceof CircuitBreakerOpenException ? 503 : 502;
        String title = status == 504 ? "Gateway Timeout" : status == 503 ? "Service Unavailable" : "Bad Gateway";
        throw new ProblemException(status, title, "Pushing playlist " + p[0] + " to target '" + target + "' failed: "
                + cause(failure) + ". No second copy was made on the server; push again once it answers.");
    }

    static String cause(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "the server did not finish in time";
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "the server has been failing, so calls to it are paused for a few seconds";
        }
        if (failure instanceof RemoteFailure) {
            return failure.getMessage();
        }
        return failure.getClass().getSimpleName();
    }
}
