package dev.segue.enrichment.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segue.enrichment.config.EnrichmentConfig;
import dev.segue.enrichment.genre.Source;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * MusicBrainz WS/2 behind one rate limiter (1 request/s by default), one retry policy and one
 * circuit breaker named {@code musicbrainz}. Every request carries the descriptive User-Agent
 * MusicBrainz requires. 404 and 400 (unknown or invalid MBID) are "absent", not failures.
 */
@ApplicationScoped
public class MusicBrainzClient {

    private static final Logger LOG = Logger.getLogger(MusicBrainzClient.class);

    private final MusicBrainzRestClient api;
    private final ObjectMapper json;
    private final SourceStatus status;
    private final RateLimiter limiter;
    private final String userAgent;
    private final EnrichmentConfig.MusicBrainz config;

    MusicBrainzClient(@RestClient MusicBrainzRestClient api, ObjectMapper json, SourceStatus status, EnrichmentConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.api = api;
        this.json = json;
        this.status = status;
        this.config = config.musicbrainz();
        this.limiter = new RateLimiter(this.config.ratePerSecond(), this.config.spaceFromResponse());
        this.userAgent = "Segue/" + version + " ( " + this.config.contactOrProjectPage() + " )";
    }

    public String userAgent() {
        return userAgent;
    }

    /** The parsed answer, or empty when MusicBrainz does not know the entity. */
    @Retry(maxRetries = 3, delay = 2000, jitter = 500, retryOn = SourceUnavailableException.class, abortOn = SourceUnreachableException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 60_000, successThreshold = 2,
            failOn = SourceUnavailableException.class)
    @CircuitBreakerName("musicbrainz")
    public Optional<JsonNode> fetch(MusicBrainzRequest request) {
        if (!status.enabled(Source.MUSICBRAINZ)) {
            throw new SourceDisabledException("MusicBrainz is disabled: " + status.reason(Source.MUSICBRAINZ));
        }
        limiter.acquireFor("MusicBrainz");
        status.recordCall(Source.MUSICBRAINZ);
        Response response;
        try {
            response = send(request);
        } finally {
            limiter.completed();
        }
        status.answered(Source.MUSICBRAINZ);
        try (response) {
            int code = response.getStatus();
            if (code == 404 || code == 400) {
                return Optional.empty();
            }
            if (code == 503 || code == 429 || code >= 500) {
                Retries.honourRetryAfter(response, limiter, config.maxRetryAfter());
                throw new SourceUnavailableException("MusicBrainz answered HTTP " + code + " to " + request.kind());
            }
            if (code == 403) {
                // MusicBrainz blocks agents it considers abusive or anonymous; asking again will not help
                String reason = "MusicBrainz refused our requests (HTTP 403); check segue.enrichment.musicbrainz.contact";
                status.disable(Source.MUSICBRAINZ, reason);
                throw new SourceDisabledException(reason);
            }
            if (code >= 300) {
                throw new SourceUnavailableException("MusicBrainz answered HTTP " + code + " to " + request.kind());
            }
            String body = response.readEntity(String.class);
            try {
                return Optional.of(json.readTree(body));
            } catch (JsonProcessingException e) {
                LOG.debugf("Unreadable MusicBrainz answer to %s: %s", request, body);
                throw new SourceUnavailableException("MusicBrainz sent an unreadable answer to " + request.kind(), e);
            }
        }
    }

    private Response send(MusicBrainzRequest request) {
        try {
            return call(request);
        } catch (WebApplicationException e) {
            return e.getResponse();
        } catch (RuntimeException e) {
            Optional<String> unreachable = Unreachable.cause(e);
            String message = "MusicBrainz did not answer " + request.kind() + ": " + unreachable.orElse(e.getMessage());
            if (unreachable.isPresent() && status.connectionFailed(Source.MUSICBRAINZ, unreachable.get())) {
                throw new SourceUnreachableException(message, e);
            }
            throw new SourceUnavailableException(message, e);
        }
    }

    private Response call(MusicBrainzRequest request) {
        return switch (request.kind()) {
            case ARTIST -> api.artist(request.argument(), "genres", "json", userAgent);
            case ARTIST_SEARCH -> api.searchArtists(MusicBrainzRequest.artistQuery(request.argument()), 5, "json", userAgent);
            case RELEASE_GROUPS_OF_ARTIST -> api.browseReleaseGroups(request.argument(), "genres", MusicBrainzRequest.PAGE_SIZE,
                    request.offset(), "json", userAgent);
            case RELEASE_GROUP -> api.releaseGroup(request.argument(), "genres", "json", userAgent);
            case RECORDING -> api.recording(request.argument(), "genres", "json", userAgent);
        };
    }
}
