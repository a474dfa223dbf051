package dev.segue.playlist.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.commons.problem.ProblemException;
import dev.segue.playlist.client.SonicClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** What the web app asks of sonic-service, through playlist-service; bounded in time, failures a 503 problem. */
@ApplicationScoped
@Upstream(SonicClient.SERVICE)
public class SonicGateway {

    private final SonicClient sonic;

    SonicGateway(SonicClient sonic) {
        this.sonic = sonic;
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode sonic(long trackId) {
        return sonic.sonic(trackId);
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode stats() {
        return sonic.stats();
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode runs(int page, int size) {
        return sonic.runs(page, size);
    }

    @Timeout(5000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode run(long id) {
        return sonic.run(id);
    }

    @Timeout(10_000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode startRun(JsonNode request) {
        return sonic.startRun(request);
    }

    @Timeout(10_000)
    @Fallback(value = UpstreamUnavailable.class, skipOn = ProblemException.class)
    public JsonNode cancelRun(long id) {
        return sonic.cancelRun(id);
    }
}
