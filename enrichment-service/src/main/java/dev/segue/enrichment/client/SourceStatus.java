package dev.segue.enrichment.client;

import dev.segue.enrichment.config.EnrichmentConfig;
import dev.segue.enrichment.genre.Source;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Whether each source may be called and why not, whether requests reach it, plus the calls made to
 * it: what readiness, stats and run progress report. A source becomes unreachable after
 * {@code segue.enrichment.work.unreachable-after} attempts in a row that reached nothing (logged
 * once) and reachable again with its next answer (logged once).
 */
@ApplicationScoped
public class SourceStatus {

    private static final Logger LOG = Logger.getLogger(SourceStatus.class);

    /**
     * The reported state of one source.
     *
     * @param unreachable      why no request reaches it, or null while they do
     * @param unreachableSince the first attempt of the failing streak, or null
     */
    public record View(String source, boolean enabled, String reason, String unreachable, Instant unreachableSince,
            String circuitBreaker, long calls) {
    }

    /** Attempts in a row that reached nothing, and when the streak began. */
    private record Streak(int attempts, Instant since, String cause) {
    }

    private final Map<Source, String> disabled = new ConcurrentHashMap<>();
    private final Map<Source, Streak> failing = new ConcurrentHashMap<>();
    private final Map<Source, AtomicLong> calls = new ConcurrentHashMap<>();
    private final CircuitBreakerMaintenance breakers;
    private final int unreachableAfter;

    SourceStatus(EnrichmentConfig config, CircuitBreakerMaintenance breakers, MeterRegistry metrics) {
        this.breakers = breakers;
        this.unreachableAfter = config.work().unreachableAfter();
        if (config.lastfm().apiKey().filter(k -> !k.isBlank()).isEmpty()) {
            disabled.put(Source.LASTFM, "no API key configured (set SEGUE_ENRICHMENT_LASTFM_API_KEY)");
        }
        for (Source s : Source.values()) {
            AtomicLong counter = new AtomicLong();
            calls.put(s, counter);
            FunctionCounter.builder("segue.enrichment.calls", counter, AtomicLong::doubleValue)
                    .description("HTTP requests sent to a genre source, retries included").tag("source", s.id()).register(metrics);
            Gauge.builder("segue.enrichment.source.enabled", () -> enabled(s) ? 1 : 0).tag("source", s.id()).register(metrics);
            Gauge.builder("segue.enrichment.source.reachable", () -> unreachable(s).isPresent() ? 0 : 1)
                    .description("0 while no request reaches the source (DNS, no route, connection refused)").tag("source", s.id()).register(metrics);
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

    /**
     * A request reached nothing: {@code cause} as {@link Unreachable#cause} describes it.
     *
     * @return true once the source counts as unreachable
     */
    boolean connectionFailed(Source source, String cause) {
        Streak streak = failing.merge(source, new Streak(1, Instant.now(), cause),
                (old, first) -> new Streak(old.attempts() + 1, old.since(), cause));
        if (streak.attempts() == unreachableAfter) {
            LOG.warnf("%s is unreachable: %s after %d attempts in a row since %s. Runs stop asking it (its entities stay due) "
                    + "until it answers; the next run tries it again.", source.id(), cause, streak.attempts(), streak.since());
        }
        return streak.attempts() >= unreachableAfter;
    }

    /** The source answered (whatever it said): it is reachable. */
    void answered(Source source) {
        Streak streak = failing.remove(source);
        if (streak != null && streak.attempts() >= unreachableAfter) {
            LOG.infof("%s is reachable again (unreachable since %s: %s)", source.id(), streak.since(), streak.cause());
        }
    }

    /** Why no request reaches the source, while that is so. */
    public Optional<Unreachable> unreachable(Source source) {
        Streak streak = failing.get(source);
        return streak == null || streak.attempts() < unreachableAfter
                ? Optional.empty() : Optional.of(new Unreachable(streak.cause(), streak.since(), streak.attempts()));
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
        Optional<Unreachable> unreachable = unreachable(source);
        return new View(source.id(), enabled(source), reason(source), unreachable.map(Unreachable::cause).orElse(null),
                unreachable.map(Unreachable::since).orElse(null), breaker(source).name().toLowerCase(), calls(source));
    }
}
