package dev.segue.enrichment.client;

import dev.segue.enrichment.config.EnrichmentConfig;
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

    SourceStatus(EnrichmentConfig config, CircuitBreakerMaintenance breakers) {
        this.breakers = breakers;
        if (config.lastfm().apiKey().filter(k -> !k.isBlank()).isEmpty()) {
            disabled.put(Source.LASTFM, "no API key configured (set SEGUE_ENRICHMENT_LASTFM_API_KEY)");
        }
        for (Source s : Source.values()) {
            calls.put(s, new AtomicLong());
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
