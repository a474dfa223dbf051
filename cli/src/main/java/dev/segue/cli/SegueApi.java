package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The Segue services' REST APIs as the CLI sees them: JSON in, JSON out, problems as exceptions. */
final class SegueApi {

    /** A non-2xx answer, with the problem's detail when the service sent one. */
    static final class ApiException extends RuntimeException {
        final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    record Answer(int status, JsonNode body, String location) {
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
            throw new ApiException(response.statusCode(), "The service answered something that is not JSON: " + e.getMessage());
        }
    }

    private HttpResponse<String> exchange(String service, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new ApiException(0, service + " is not reachable at " + base(service) + " (is Segue running? see `segue status`)");
        } catch (IOException e) {
            throw new ApiException(0, service + " at " + base(service) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
    }

    private static ApiException failure(HttpResponse<String> response) {
        String message = "HTTP " + response.statusCode();
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem.hasNonNull("detail")) {
                message += ": " + problem.get("detail").asText();
            } else if (problem.hasNonNull("title")) {
                message += ": " + problem.get("title").asText();
            } else if (problem.path("checks").isArray()) {
                StringBuilder down = new StringBuilder();
                for (JsonNode check : problem.get("checks")) {
                    if (!"UP".equals(check.path("status").asText())) {
                        down.append(down.isEmpty() ? ": " : "; ").append(check.path("name").asText())
                                .append(check.has("data") ? " " + check.get("data") : "");
                    }
                }
                message += down;
            }
        } catch (IOException | RuntimeException notJson) {
            // keep the bare status
        }
        return new ApiException(response.statusCode(), message);
    }
}
