package dev.segue.playlist.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks sonic-service to analyse one track now. 404 (no such track) and 422 (cannot be analysed) are
 * answers, not failures; 5xx and connection errors are retried and, when they persist, open the breaker
 * so a struggling sonic-service is not hammered by every playlist request.
 */
@ApplicationScoped
public class SonicClient {

    private final SonicRestClient rest;

    SonicClient(@RestClient SonicRestClient rest) {
        this.rest = rest;
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {WebApplicationException.class, ProcessingException.class},
            abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30_000, successThreshold = 1,
            failOn = {WebApplicationException.class, ProcessingException.class})
    public AnalysisOutcome analyze(long trackId) {
        try {
            rest.analyze(trackId);
            return AnalysisOutcome.analysed();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404) {
                return new AnalysisOutcome(AnalysisOutcome.Status.NOT_FOUND, "sonic-service does not know track " + trackId);
            }
            if (status == 422) {
                return new AnalysisOutcome(AnalysisOutcome.Status.UNANALYSABLE,
                        "sonic-service cannot analyse track " + trackId + ": " + detail(e.getResponse()));
            }
            throw e;
        }
    }

    private static String detail(Response response) {
        try {
            JsonNode body = response.readEntity(JsonNode.class);
            return body.path("detail").asText(response.getStatusInfo().getReasonPhrase());
        } catch (RuntimeException unreadable) {
            return response.getStatusInfo().getReasonPhrase();
        }
    }
}
