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
 * library-service as the web app sees it through playlist-service. Reads are retried on 5xx and connection
 * errors; starting or cancelling a scan is not ({@code maxRetries = 0}: a second POST would be a second scan request).
 * The policy is the class's; each method has its own breaker, which opens when half of 8 calls fail, so a
 * library-service that is down answers at once instead of after retries.
 */
@ApplicationScoped
@Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = {WebApplicationException.class,
        ProcessingException.class}, abortOn = CircuitBreakerOpenException.class)
@CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000,
        failOn = {WebApplicationException.class, ProcessingException.class})
public class LibraryClient {

    public static final String SERVICE = "library-service";

    private final LibraryRestClient rest;

    LibraryClient(@RestClient LibraryRestClient rest) {
        this.rest = rest;
    }

    public JsonNode stats() {
        return UpstreamCall.call(SERVICE, rest::stats);
    }

    public JsonNode tracks(String q, String artist, String album, String genre, String status, int page, int size) {
        return UpstreamCall.call(SERVICE, () -> rest.tracks(q, artist, album, genre, status, page, size));
    }

    public JsonNode track(long id) {
        return UpstreamCall.call(SERVICE, () -> rest.track(id));
    }

    public JsonNode artists(String q, int page, int size) {
        return UpstreamCall.call(SERVICE, () -> rest.artists(q, page, size));
    }

    public JsonNode albums(String artist, String q, int page, int size) {
        return UpstreamCall.call(SERVICE, () -> rest.albums(artist, q, page, size));
    }

    public JsonNode scans(int page, int size) {
        return UpstreamCall.call(SERVICE, () -> rest.scans(page, size));
    }

    public JsonNode scan(long id) {
        return UpstreamCall.call(SERVICE, () -> rest.scan(id));
    }

    public JsonNode scanErrors(long id, int page, int size) {
        return UpstreamCall.call(SERVICE, () -> rest.scanErrors(id, page, size));
    }

    @Retry(maxRetries = 0)
    public JsonNode startScan(JsonNode request) {
        return UpstreamCall.call(SERVICE, () -> rest.startScan(request));
    }

    @Retry(maxRetries = 0)
    public JsonNode cancelScan(long id) {
        return UpstreamCall.call(SERVICE, () -> rest.cancelScan(id));
    }
}
