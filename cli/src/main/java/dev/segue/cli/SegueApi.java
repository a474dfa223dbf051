package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The Segue services' REST APIs as the CLI sees them: JSON in, JSON out, problems as exceptions. */
final class SegueApi {

    /** A non-2xx answer (status 0: no answer at all), with the problem's detail when the service sent one. */
    static final class ApiException extends RuntimeException {
        final int status;
        /** On a 409 to a run start: the id of the run that is active (the problem's {@code activeRun}), else null. */
        final Long activeRunId;

        ApiException(int status, String message) {
            this(status, message, null);
        }

        ApiException(int status, String message, Long activeRunId) {
            super(message);
            this.status = status;
            this.activeRunId = activeRunId;
        }
    }

    record Answer(int status, JsonNode body, String location) {
    }

    /** Where each service is configured from: {@code library} → {@code SEGUE_LIBRARY_URL}. */
    static String variable(String service) {
        return "SEGUE_" + service.toUpperCase(java.util.Locale.ROOT) + "_URL";
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, URI> services;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SegueApi(Map<String, URI> services, String apiKey) {
        this.services = services;
        this.apiKey = apiKey;
    }

    URI base(String service) {
        return services.get(service);
    }

    JsonNode get(String service, String path) {
        return send(service, builder(resolve(service, path)).GET()).body();
    }

    /** The resource, or empty when the service answers 404. */
    Optional<JsonNode> find(String service, String path) {
        try {
            return Optional.of(get(service, path));
        } catch (ApiException e) {
            if (e.status == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code /q/health/ready} as the service answers it, UP (200) or DOWN (503). */
    JsonNode readiness(String service) {
        HttpResponse<String> response = exchange(service, builder(resolve(service, "/q/health/ready")).GET().build());
        if (response.statusCode() != 200 && response.statusCode() != 503) {
            throw failure(response);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ApiException(response.statusCode(), service + "-service's readiness is not JSON: " + e.getMessage());
        }
    }

    String getText(String service, String path) {
        HttpRequest request = builder(resolve(service, path)).GET().build();
        HttpResponse<String> response = exchange(service, request);
        if (response.statusCode() >= 300) {
            throw failure(response);
        }
        return response.body();
    }

    Answer post(String service, String path, Object body) {
        try {
            String json = JSON.writeValueAsString(body);
            return send(service, builder(resolve(service, path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot encode request: " + e.getMessage(), e);
        }
    }

    /** DELETE; a 2xx answer (204: no body) returns normally. */
    void delete(String service, String path) {
        send(service, builder(resolve(service, path)).DELETE());
    }

    /** Follows a Location header (absolute or relative to the service). */
    JsonNode follow(String service, String location) {
        URI uri = location.startsWith("http") ? URI.create(location) : resolve(service, location);
        return send(service, builder(uri).GET()).body();
    }

    private URI resolve(String service, String path) {
        return base(service).resolve(path);
    }

    private HttpRequest.Builder builder(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (apiKey != null && !apiKey.isBlank()) {
            builder.header("X-Api-Key", apiKey);
        }
        return builder;
    }

    private Answer send(String service, HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(service, request.build());
        if (response.statusCode() >= 300) {
            throw failure(response);
        }
        try {
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new ApiException(response.statusCode(), service + "-service answered something that is not JSON: " + e.getMessage());
        }
    }

    private HttpResponse<String> exchange(String service, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw notReachable(service, e instanceof ConnectException && e.getCause() instanceof UnresolvedAddressException
                    ? "unknown host" : e instanceof HttpConnectTimeoutException ? "no answer to connect" : "connection refused");
        } catch (HttpTimeoutException e) {
            throw new ApiException(0, service + "-service at " + base(service) + " did not answer within 60 s.");
        } catch (IOException e) {
            throw new ApiException(0, service + "-service at " + base(service) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
    }

    private ApiException notReachable(String service, String why) {
        return new ApiException(0, service + "-service is not reachable at " + base(service) + " (" + why + "): start Segue "
                + "(bin/segue-local or docker compose up) or set " + variable(service) + "; bin/segue status checks all four.");
    }

    private static ApiException failure(HttpResponse<String> response) {
        String message = "HTTP " + response.statusCode();
        Long activeRunId = null;
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem.path("activeRun").path("id").isNumber()) {
                activeRunId = problem.path("activeRun").path("id").asLong();
            }
            if (problem.hasNonNull("detail")) {
                message += ": " + problem.get("detail").asText();
            } else if (problem.hasNonNull("title")) {
                message += ": " + problem.get("title").asText();
            } else if (problem.path("checks").isArray()) {
                message += Health.downChecks(problem);
            }
            for (JsonNode violation : problem.path("violations")) {
                String field = violation.path("field").asText(violation.path("pointer").asText(""));
                message += System.lineSeparator() + "  " + (field.isEmpty() ? "" : field + ": ") + violation.path("message").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // keep the bare status
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            message += " (set SEGUE_API_KEY to the key the services were started with)";
        }
        return new ApiException(response.statusCode(), message, activeRunId);
    }
}
