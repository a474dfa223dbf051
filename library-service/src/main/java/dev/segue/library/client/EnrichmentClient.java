package dev.segue.library.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks enrichment-service to enrich what is new; a run already active (409) counts as success. */
@ApplicationScoped
public class EnrichmentClient {

    private final EnrichmentRestClient rest;

    EnrichmentClient(@RestClient EnrichmentRestClient rest) {
        this.rest = rest;
    }

    // POSTing a run is idempotent in effect: a second one answers 409, which is success here
    @Retry(maxRetries = 2, delay = 200, delayUnit = ChronoUnit.MILLIS, jitter = 50)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public RunStarted startRun() {
        return RunStarted.by(() -> rest.startRun(new RunRequest("all")));
    }
}
