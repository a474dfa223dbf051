package dev.segue.playlist.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * enrichment-service as the web app sees it through playlist-service: reads retried on 5xx and connection
 * errors, starting and cancelling runs not retried; a breaker per method.
 */
@ApplicationScoped
public class EnrichmentClient {

    public static final String SERVICE = "enrichment-service";

    private final EnrichmentRestClient rest;

    EnrichmentClient(@RestClient EnrichmentRestClient rest) {
        this.rest = rest;
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = {WebApplicationException.class,
            ProcessingException.class}, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
            failOn = {WebApplicationException.class, ProcessingException.class})
    public JsonNode stats() {
        return UpstreamCall.call(SERVICE, rest::stats);
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = {WebApplicationException.class,
            ProcessingException.class}, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
            failOn = {WebApplicationException.class, ProcessingException.class})
    public JsonNode runs(int page, int size) {
        return UpstreamCall.call(SERVICE, () -> rest.runs(page, size));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = {WebApplicationException.class,
            ProcessingException.class}, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
            failOn = {WebApplicationException.class, ProcessingException.class})
    public JsonNode run(long id) {
        return UpstreamCall.call(SERVICE, () -> rest.run(id));
    }

    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
            failOn = {WebApplicationException.class, ProcessingException.class})
    public JsonNode startRun(JsonNode request) {
        return UpstreamCall.call(SERVICE, () -> rest.startRun(request));
    }

    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
            failOn = {WebApplicationException.class, ProcessingException.class})
    public JsonNode cancelRun(long id) {
        return UpstreamCall.call(SERVICE, () -> rest.cancelRun(id));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = {WebApplicationException.class,
            ProcessingException.class}, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
            failOn = {WebApplicationException.class, ProcessingException.class})
    public JsonNode genres(boolean used) {
        return UpstreamCall.call(SERVICE, () -> rest.genres(used));
    }

    /** @param kind artists, albums or tracks */
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = {WebApplicationException.class,
            ProcessingException.class}, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
            failOn = {WebApplicationException.class, ProcessingException.class})
    public JsonNode genresOf(String kind, long id) {
        return UpstreamCall.call(SERVICE, () -> rest.genresOf(kind, id));
    }

    public JsonNode readiness() {
        return Readiness.read(rest::readiness);
    }
}
