package dev.segue.playlist.service;

import dev.segue.playlist.client.AnalysisOutcome;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/** Turns a failed seed analysis into a reason the playlist can state. */
public class SeedAnalysisFallback implements FallbackHandler<AnalysisOutcome> {

    private static final Logger LOG = Logger.getLogger(SeedAnalysisFallback.class);

    @Override
    public AnalysisOutcome handle(ExecutionContext context) {
        Throwable failure = context.getFailure();
        String reason;
        if (failure instanceof TimeoutException) {
            reason = "sonic-service did not analyse it in time";
        } else if (failure instanceof CircuitBreakerOpenException) {
            reason = "sonic-service has been failing, so calls to it are paused";
        } else {
            reason = "sonic-service failed (" + failure.getClass().getSimpleName() + ": " + failure.getMessage() + ")";
        }
        LOG.infof("Seed analysis of track %s unavailable: %s", context.getParameters()[0], reason);
        return new AnalysisOutcome(AnalysisOutcome.Status.UNAVAILABLE, reason);
    }
}
