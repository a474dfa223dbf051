package dev.segue.enrichment.health;

import dev.segue.enrichment.client.Source;
import dev.segue.enrichment.client.SourceStatus;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports each genre source: enabled or why not, and its circuit breaker. Down only when no source
 * can be used, because one source alone still enriches the library.
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
            builder.withData(source.id(), view.enabled() ? "enabled" : "disabled: " + view.reason());
            builder.withData(source.id() + ".circuit-breaker", view.circuitBreaker());
        }
        return builder.status(any).build();
    }
}
