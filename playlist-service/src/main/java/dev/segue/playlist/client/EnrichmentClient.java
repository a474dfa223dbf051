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
 * errors, starting and cancelling runs not ({@code maxRetries = 0}: a second POST would be a second request); the
 * policy is the class's, each method has its own breaker.
 */
@ApplicationScoped
@Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = {WebApplicationException.class,
        ProcessingException.class}, abortOn = CircuitBreakerOpenException.class)
@CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
        failOn = {WebApplicationException.class, ProcessingException.class})
public class EnrichmentClient {

    public static final String SERVICE = "enrichment-service";

    private final EnrichmentRestClient rest;

    EnrichmentClient(@RestClient EnrichmentRestClient rest) {
        this.rest = rest;
    }

    public JsonNode stats() {
        return UpstreamCall.call(SERVICE, rest::stats);
    }

    public JsonNode runs(int page, int size) {
        return UpstreamCall.call(SERVICE, () -> rest.runs(page, size));
    }

    public JsonNode run(long id) {
        return UpstreamCall.call(SERVICE, () -> rest.run(id));
    }

    @Retry(maxRetries = 0)
    public JsonNode startRun(JsonNode request) {
        return UpstreamCall.call(SERVICE, () -> rest.startRun(request));
    }

    @Retry(maxRetries = 0)
    public JsonNode cancelRun(long id) {
        return UpstreamCall.call(SERVICE, () -> rest.cancelRun(id));
    }

    public JsonNode genres(boolean used) {
        return UpstreamCall.call(SERVICE, () -> rest.genres(used));
    }

    /** @param kind artists, albums or tracks */
    public JsonNode genresOf(String kind, long id) {
        return UpstreamCall.call(SERVICE, () -> rest.genresOf(kind, id));
    }
}
