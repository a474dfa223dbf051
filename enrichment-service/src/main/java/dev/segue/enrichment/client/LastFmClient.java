package dev.segue.enrichment.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segue.enrichment.config.EnrichmentConfig;
import dev.segue.enrichment.genre.RawTag;
import dev.segue.enrichment.genre.Source;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Last.fm top tags behind one rate limiter (5 requests/s by default), one retry policy and one
 * circuit breaker named {@code lastfm}. Reads the answer by its body, not its status: error 6 is
 * "not found", 11/16/29 and HTTP 429/5xx are "try later", 10/26 disable the source.
 */
@ApplicationScoped
public class LastFmClient {

    private static final Pattern API_KEY_PARAMETER = Pattern.compile("(api_key=)[^&\\s]+");

    private final LastFmRestClient api;
    private final ObjectMapper json;
    private final SourceStatus status;
    private final RateLimiter limiter;
    private final EnrichmentConfig.LastFm config;

    LastFmClient(@RestClient LastFmRestClient api, ObjectMapper json, SourceStatus status, EnrichmentConfig config) {
        this.api = api;
        this.json = json;
        this.status = status;
        this.config = config.lastfm();
        this.limiter = new RateLimiter(this.config.ratePerSecond());
    }

    /** The entity's top tags (possibly none), or empty when Last.fm does not know it (error 6). */
    @Retry(maxRetries = 3, delay = 1000, jitter = 300, retryOn = SourceUnavailableException.class, abortOn = SourceUnreachableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 60_000, successThreshold = 2,
            failOn = SourceUnavailableException.class)
    @CircuitBreakerName("lastfm")
    public Optional<List<RawTag>> topTags(LastFmRequest request) {
        if (!status.enabled(Source.LASTFM)) {
            throw new SourceDisabledException("Last.fm is disabled: " + status.reason(Source.LASTFM));
        }
        limiter.acquireFor("Last.fm");
        status.recordCall(Source.LASTFM);
        Response response = send(request);
        status.answered(Source.LASTFM);
        try (response) {
            int code = response.getStatus();
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            JsonNode root = parse(body);
            if (root != null && root.has("error")) {
                return error(root.path("error").asInt(), root.path("message").asText(""), response);
            }
            if (code == 429 || code >= 500) {
                Retries.honourRetryAfter(response, limiter, config.maxRetryAfter());
                throw new SourceUnavailableException("Last.fm answered HTTP " + code + " to " + request.method());
            }
            if (root == null || code >= 300) {
                throw new SourceUnavailableException("Last.fm sent an unreadable answer (HTTP " + code + ") to " + request.method());
            }
            return Optional.of(tags(root));
        }
    }

    private Response send(LastFmRequest request) {
        try {
            return api.call(request.method(), config.apiKey().orElse(""), request.mbid(), request.artist(), request.album(),
                    request.track(), request.byName() && config.autocorrect() ? 1 : null, "json");
        } catch (WebApplicationException e) {
            return e.getResponse();
        } catch (RuntimeException e) {
            // a timeout describes the request it was executing, query string and API key included: the
            // message is kept without the key, and the cause (which would print it in a stack trace) dropped
            Optional<String> unreachable = Unreachable.cause(e).map(this::redactKey);
            String message = "Last.fm did not answer " + request.method() + ": "
                    + unreachable.orElseGet(() -> redactKey(String.valueOf(e.getMessage())) + " (" + e.getClass().getSimpleName() + ")");
            if (unreachable.isPresent() && status.connectionFailed(Source.LASTFM, unreachable.get())) {
                throw new SourceUnreachableException(message, null);
            }
            throw new SourceUnavailableException(message);
        }
    }

    private String redactKey(String text) {
        String redacted = API_KEY_PARAMETER.matcher(text).replaceAll("$1***");
        String key = config.apiKey().orElse("");
        return key.isEmpty() ? redacted : redacted.replace(key, "***");
    }

    private Optional<List<RawTag>> error(int error, String message, Response response) {
        switch (error) {
            case 6:
                return Optional.empty();
            case 10, 26:
                status.disable(Source.LASTFM, "Last.fm refused the API key: error " + error + " " + message);
                throw new SourceDisabledException("Last.fm refused the API key: error " + error + " " + message);
            case 29:
                Retries.honourRetryAfter(response, limiter, config.maxRetryAfter());
                throw new SourceUnavailableException("Last.fm rate limit exceeded (error 29)");
            default:
                // 8, 11, 16 and anything undocumented: the service had a problem, not the entity
                throw new SourceUnavailableException("Last.fm error " + error + ": " + message);
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode root = json.readTree(body);
            return root != null && root.isObject() ? root : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** {@code toptags.tag} may be an array, a single object, or absent ({@code "#text": "\n"}); count a number or a string. */
    static List<RawTag> tags(JsonNode root) {
        JsonNode container = root.has("toptags") ? root.path("toptags") : root.path("tags");
        JsonNode tag = container.path("tag");
        List<RawTag> tags = new ArrayList<>();
        if (tag.isArray()) {
            tag.forEach(t -> add(tags, t));
        } else if (tag.isObject()) {
            add(tags, tag);
        }
        return tags;
    }

    private static void add(List<RawTag> tags, JsonNode t) {
        String name = t.path("name").asText("").strip();
        if (!name.isEmpty()) {
            JsonNode count = t.path("count");
            tags.add(new RawTag(name, count.isNumber() ? count.asDouble() : parseCount(count.asText(""))));
        }
    }

    private static double parseCount(String text) {
        try {
            return text.isBlank() ? 0 : Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
