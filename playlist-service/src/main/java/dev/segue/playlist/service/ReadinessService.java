package dev.segue.playlist.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segue.playlist.client.EnrichmentClient;
import dev.segue.playlist.client.LibraryClient;
import dev.segue.playlist.client.ServiceReadinessClient;
import dev.segue.playlist.client.SonicClient;
import dev.segue.playlist.client.UpstreamFailure;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The readiness of all four services as one answer, asked in parallel and each bounded in time, with the
 * reason when one is down ("Audio decoders: … install ffmpeg", "library-service cannot be reached") and
 * notes on what works in a reduced way (a genre source disabled, a breaker open, ffmpeg missing).
 */
@ApplicationScoped
public class ReadinessService {

    static final long TIMEOUT_MS = 3000;

    /** One service: UP, DOWN (it answered and said why) or UNREACHABLE (it did not answer). */
    public record ServiceStatus(String service, String status, String reason, List<String> notes, JsonNode checks) {
    }

    public record SystemStatus(boolean allUp, List<ServiceStatus> services) {
    }

    private final ServiceReadinessClient readiness;
    private final SmallRyeHealthReporter health;
    private final ObjectMapper mapper;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    ReadinessService(ServiceReadinessClient readiness, SmallRyeHealthReporter health, ObjectMapper mapper) {
        this.readiness = readiness;
        this.health = health;
        this.mapper = mapper;
    }

    public SystemStatus status() {
        Map<String, CompletableFuture<JsonNode>> calls = new LinkedHashMap<>();
        calls.put(LibraryClient.SERVICE, ask(readiness::library));
        calls.put(EnrichmentClient.SERVICE, ask(readiness::enrichment));
        calls.put(SonicClient.SERVICE, ask(readiness::sonic));
        calls.put("playlist-service", ask(this::ownReadiness));
        List<ServiceStatus> services = new ArrayList<>();
        calls.forEach((service, call) -> services.add(status(service, call)));
        return new SystemStatus(services.stream().allMatch(s -> "UP".equals(s.status())), services);
    }

    private CompletableFuture<JsonNode> ask(Supplier<JsonNode> call) {
        return CompletableFuture.supplyAsync(call, executor).orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private JsonNode ownReadiness() {
        try {
            return mapper.readTree(health.getReadiness().getPayload().toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable health document", e);
        }
    }

    private static ServiceStatus status(String service, CompletableFuture<JsonNode> call) {
        JsonNode body;
        try {
            body = call.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.TimeoutException
                    ? new org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException() : e.getCause();
            return new ServiceStatus(service, "UNREACHABLE", service + ": " + UpstreamFailure.describe(cause), List.of(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ServiceStatus(service, "UNREACHABLE", service + ": the status request was interrupted", List.of(), null);
        }
        JsonNode checks = body.path("checks");
        String status = body.path("status").asText("DOWN");
        List<String> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (JsonNode check : checks) {
            String name = check.path("name").asText("check");
            boolean up = "UP".equals(check.path("status").asText());
            List<String> data = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = check.path("data").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String value = entry.getValue().asText();
                data.add(entry.getKey() + ": " + value);
                String note = up ? note(entry.getKey(), value) : null;
                if (note != null) {
                    notes.add(note);
                }
            }
            if (!up) {
                reasons.add(name + (data.isEmpty() ? " is down" : ": " + String.join("; ", data)));
            }
        }
        String reason = "UP".equals(status) ? null : reasons.isEmpty() ? service + " reports DOWN" : String.join(". ", reasons);
        return new ServiceStatus(service, "UP".equals(status) ? "UP" : "DOWN", reason, notes, checks);
    }

    /** What works in a reduced way, in words: a disabled source, an open breaker, an unavailable decoder or root. */
    private static String note(String key, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (key.endsWith(".circuit-breaker")) {
            String source = key.substring(0, key.length() - ".circuit-breaker".length());
            return "closed".equals(v) ? null : source + ": calls paused after failures (circuit breaker " + v + ")";
        }
        if (v.startsWith("disabled") || v.startsWith("unavailable") || v.startsWith("does not exist") || v.startsWith("not readable")) {
            return key + ": " + value;
        }
        return null;
    }
}
