package dev.segue.enrichment.client;

import dev.segue.enrichment.config.EnrichmentConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether each source may be called and why not, plus the calls made to it: what readiness,
 * stats and run progress report.
 */
@ApplicationScoped
public class SourceStatus {

    /** The reported state of one source. */
    public record View(String source, boolean enabled, String reason, String circuitBreaker, long calls) {
    }

    private final Map<Source, String> disabled = new ConcurrentHashMap<>();
    private final Map<Source, AtomicLong> calls = new ConcurrentHashMap<>();
    private final CircuitBreakerMaintenance breakers;

    SourceStatus(EnrichmentConfig config, CircuitBreakerMaintenance breakers, MeterRegistry metrics) {
        this.breakers = breakers;
        if (config.lastfm().apiKey().filter(k -> !k.isBlank()).isEmpty()) {
            disabled.put(Source.LASTFM, "no API key configured (set SEGUE_ENRICHMENT_LASTFM_API_KEY)");
        }
        for (Source s : Source.values()) {
            AtomicLong counter = new AtomicLong();
            calls.put(s, counter);
            FunctionCounter.builder("segue.enrichment.calls", counter, AtomicLong::doubleValue)
                    .description("HTTP requests sent to a genre source, retries included").tag("source", s.id()).register(metrics);
            Gauge.builder("segue.enrichment.source.enabled", () -> enabled(s) ? 1 : 0).tag("source", s.id()).register(metrics);
        }
    }

    public boolean enabled(Source source) {
        return !disabled.containsKey(source);
    }

    public String reason(Source source) {
        return disabled.get(source);
    }

    /** Called when a source refuses the configured credentials; stays disabled until restart with a new key. */
    public void disable(Source source, String reason) {
        disabled.put(source, reason + " (since " + Instant.now() + ")");
    }

    void recordCall(Source source) {
        calls.get(source).incrementAndGet();
    }

    /** Every HTTP request sent to the source since start, retries included. */
    public long calls(Source source) {
        return calls.get(source).get();
    }

    public CircuitBreakerState breaker(Source source) {
        return breakers.currentState(source.id());
    }

    public View view(Source source) {
        return new View(source.id(), enabled(source), reason(source), breaker(source).name().toLowerCase(), calls(source));
    }
}
