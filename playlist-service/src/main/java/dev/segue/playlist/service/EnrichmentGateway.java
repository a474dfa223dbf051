package dev.segue.playlist.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.commons.problem.ProblemException;
import dev.segue.playlist.client.EnrichmentClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** What the web app asks of enrichment-service, through playlist-service; bounded in time, failures a 503 problem. */
@ApplicationScoped
@Upstream(EnrichmentClient.SERVICE)
public class EnrichmentGateway {

    private final EnrichmentClient enrichment;

    EnrichmentGateway(EnrichmentClient enrichment) {
        this.enrichment = enrichment;
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode stats() {
        return enrichment.stats();
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode runs(int page, int size) {
        return enrichment.runs(page, size);
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode run(long id) {
        return enrichment.run(id);
    }

    @Timeout(10_000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode startRun(JsonNode request) {
        return enrichment.startRun(request);
    }

    @Timeout(10_000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode cancelRun(long id) {
        return enrichment.cancelRun(id);
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode genres(boolean used) {
        return enrichment.genres(used);
    }

    /** @param kind artists, albums or tracks */
    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode genresOf(String kind, long id) {
        return enrichment.genresOf(kind, id);
    }
}
