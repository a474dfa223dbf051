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
 * so a struggling sonic-service is not hammered by every playlist request. The other methods are what the
 * web app reaches through playlist-service: reads retried, starting and cancelling runs not.
 */
@ApplicationScoped
public class SonicClient {

    public static final String SERVICE = "sonic-service";

    private final SonicRestClient rest;
    private final SonicWebRestClient web;

    SonicClient(@RestClient SonicRestClient rest, @RestClient SonicWebRestClient web) {
        this.rest = rest;
        this.web = web;
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

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = {WebApplicationException.class,
            ProcessingException.class}, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
            failOn = {WebApplicationException.class, ProcessingException.class})
    public JsonNode sonic(long trackId) {
        return UpstreamCall.call(SERVICE, () -> web.sonic(trackId));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = {WebApplicationException.class,
            ProcessingException.class}, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
            failOn = {WebApplicationException.class, ProcessingException.class})
    public JsonNode stats() {
        return UpstreamCall.call(SERVICE, web::stats);
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = {WebApplicationException.class,
            ProcessingException.class}, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
            failOn = {WebApplicationException.class, ProcessingException.class})
    public JsonNode runs(int page, int size) {
        return UpstreamCall.call(SERVICE, () -> web.runs(page, size));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = {WebApplicationException.class,
            ProcessingException.class}, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
            failOn = {WebApplicationException.class, ProcessingException.class})
    public JsonNode run(long id) {
        return UpstreamCall.call(SERVICE, () -> web.run(id));
    }

    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
            failOn = {WebApplicationException.class, ProcessingException.class})
    public JsonNode startRun(JsonNode request) {
        return UpstreamCall.call(SERVICE, () -> web.startRun(request));
    }

    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
            failOn = {WebApplicationException.class, ProcessingException.class})
    public JsonNode cancelRun(long id) {
        return UpstreamCall.call(SERVICE, () -> web.cancelRun(id));
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
