package dev.segue.sonic.health;

import dev.segue.sonic.analysis.DecoderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the configured decoder can run: with decoder=auto the Java decoders can, unless too
 * many of their threads are stuck on files that timed out. DOWN says why and what to do.
 */
@Readiness
@ApplicationScoped
public class DecoderReadinessCheck implements HealthCheck {

    private final DecoderRegistry decoders;

    DecoderReadinessCheck(DecoderRegistry decoders) {
        this.decoders = decoders;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("Audio decoders");
        decoders.all().forEach(d -> builder.withData(d.name(), (d.available() ? "available" : "unavailable")
                + (d.selected() ? ", selected" : "") + " (" + d.description() + ")"));
        return decoders.selected().isPresent() ? builder.up().build()
                : builder.down().withData("reason", decoders.unavailableReason()).build();
    }
}
