package dev.segue.library.service;

import dev.segue.library.client.EnrichmentClient;
import dev.segue.library.client.RunStarted;
import dev.segue.library.client.SonicClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * Tells enrichment-service and sonic-service that a scan added or changed tracks. Fire and forget:
 * their work is derived from the tables, so a lost notification only delays it until their next run.
 */
@ApplicationScoped
public class ScanNotifier {

    private static final Logger LOG = Logger.getLogger(ScanNotifier.class);

    private final EnrichmentClient enrichment;
    private final SonicClient sonic;

    ScanNotifier(EnrichmentClient enrichment, SonicClient sonic) {
        this.enrichment = enrichment;
        this.sonic = sonic;
    }

    /** Both notifications; neither can fail or block the caller for long. */
    public void libraryChanged() {
        notifyEnrichment();
        notifySonic();
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "enrichmentUnreachable")
    public RunStarted notifyEnrichment() {
        RunStarted started = enrichment.startRun();
        LOG.debugf("enrichment-service notified: %s", started);
        return started;
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "sonicUnreachable")
    public RunStarted notifySonic() {
        RunStarted started = sonic.startRun();
        LOG.debugf("sonic-service notified: %s", started);
        return started;
    }

    RunStarted enrichmentUnreachable(Throwable cause) {
        LOG.warnf("Could not tell enrichment-service about new tracks (%s); it will find them on its next run.", cause.toString());
        return null;
    }

    RunStarted sonicUnreachable(Throwable cause) {
        LOG.warnf("Could not tell sonic-service about new tracks (%s); it will find them on its next run.", cause.toString());
        return null;
    }
}
