package dev.segue.playlist.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * HTTP to media servers: a 2xx answer as JSON, a 404 as absent, 401/403 as wrong credentials, other 4xx as a
 * refusal, 5xx, timeouts, unreachable hosts and bodies that are not JSON as {@link RemoteFailure}. Messages
 * name the method and path only, never the query, which carries Subsonic's token.
 */
@ApplicationScoped
class Http {

    private final HttpClient client;
    private final ObjectMapper mapper;
    private final Duration timeout;

    Http(ObjectMapper mapper, DeliveryConfig config) {
        this.mapper = mapper;
        this.timeout = Duration.ofMillis(config.requestTimeoutMs());
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "application/json");
    }

    /** The JSON answer; empty for a 404. */
    Optional<JsonNode> send(Target target, HttpRequest request) {
        String what = request.method() + " " + request.uri().getPath();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new RemoteFailure(what + " did not answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new RemoteFailure("cannot reach " + request.uri().getHost() + ":" + request.uri().getPort() + " (" + what + ": "
                    + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteFailure(what + " was interrupted", e);
        }
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status == 401 || status == 403) {
            throw Refused.credentials(target, what + " answered " + status);
        }
        if (status >= 500) {
            throw new RemoteFailure(what + " answered " + status);
        }
        if (status >= 400) {
            throw Refused.answer(target, what + " answered " + status);
        }
        String body = response.body();
        if (body == null || body.isBlank()) {
            return Optional.of(mapper.nullNode());
        }
        try {
            return Optional.of(mapper.readTree(body));
        } catch (IOException e) {
            throw new RemoteFailure(what + " answered " + status + " with a body that is not JSON");
        }
    }

    /** Like {@link #send} where a 404 is a failure too (the resource must be there). */
    JsonNode require(Target target, HttpRequest request) {
        return send(target, request).orElseThrow(() -> Refused.answer(target, request.method() + " " + request.uri().getPath()
                + " answered 404 (wrong URL, section or user?)"));
    }
}
