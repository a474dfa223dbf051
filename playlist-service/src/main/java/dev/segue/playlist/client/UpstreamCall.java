package dev.segue.playlist.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.commons.problem.ProblemException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * One call to another Segue service. A 4xx is the service's answer (no such track, a run already active, a
 * rejected field): it becomes a {@link ProblemException} with the service's own status and detail, which
 * neither retries nor opens a breaker. A 5xx or a connection failure is a failure and propagates.
 */
final class UpstreamCall {

    private UpstreamCall() {
    }

    static JsonNode call(String service, Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() >= 500) {
                throw e;
            }
            throw answer(service, e.getResponse());
        }
    }

    private static ProblemException answer(String service, Response response) {
        int status = response.getStatus();
        if (status == 401 || status == 403) {
            // the browser's key was accepted here; the other service refused the one playlist-service presents
            return new ProblemException(502, "Bad Gateway", service + " refused playlist-service's API key: give every "
                    + "service the same SEGUE_API_KEY.");
        }
        return new ProblemException(status, response.getStatusInfo().getReasonPhrase(), detail(service, response));
    }

    /** The problem's {@code detail} when the body is one, else the status line. */
    static String detail(String service, Response response) {
        try {
            JsonNode body = response.readEntity(JsonNode.class);
            String detail = body == null ? null : body.path("detail").asText(null);
            if (detail != null && !detail.isBlank()) {
                return detail;
            }
        } catch (RuntimeException unreadable) {
            // not JSON: the status line says enough
        }
        return service + " answered " + response.getStatus() + " " + response.getStatusInfo().getReasonPhrase() + ".";
    }
}
