package dev.segue.enrichment.health;

import dev.segue.enrichment.client.SourceStatus;
import dev.segue.enrichment.genre.Source;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports each genre source: enabled, disabled (why) or unreachable (the cause, since when), and its
 * circuit breaker. Down only when no source is enabled, because one source alone still enriches the
 * library; an unreachable source keeps it up: the service still serves its API and file genres, and
 * a network outage must not make an orchestrator restart it.
 */
@Readiness
class SourcesReadinessCheck implements HealthCheck {

    private final SourceStatus status;

    SourcesReadinessCheck(SourceStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("Enrichment sources");
        boolean any = false;
        for (Source source : Source.values()) {
            SourceStatus.View view = status.view(source);
            any |= view.enabled();
            builder.withData(source.id(), !view.enabled() ? "disabled: " + view.reason()
                    : view.unreachable() != null ? "unreachable: " + view.unreachable() + " (since " + view.unreachableSince() + ")"
                    : "enabled");
            builder.withData(source.id() + ".circuit-breaker", view.circuitBreaker());
        }
        return builder.status(any).build();
    }
}
