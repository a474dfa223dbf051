package dev.segue.playlist.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.segue.commons.problem.ProblemException;
import dev.segue.commons.run.ActiveRunConflict;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
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
        JsonNode body = body(response);
        String detail = detail(service, response, body);
        JsonNode activeRun = body.path("activeRun");
        if (status == 409 && activeRun.path("id").isNumber() && activeRun.hasNonNull("location")) {
            // the gateway answers the other service's run paths under the same paths: name the run as seen from here
            return new ActiveRunConflict(activeRun.path("id").asLong(), URI.create(activeRun.path("location").asText()).getPath(), detail);
        }
        return new ProblemException(status, response.getStatusInfo().getReasonPhrase(), detail);
    }

    /** The problem's {@code detail} when the body is one, else the status line. */
    static String detail(String service, Response response) {
        return detail(service, response, body(response));
    }

    private static String detail(String service, Response response, JsonNode body) {
        String detail = body.path("detail").asText(null);
        if (detail != null && !detail.isBlank()) {
            return detail;
        }
        return service + " answered " + response.getStatus() + " " + response.getStatusInfo().getReasonPhrase() + ".";
    }

    private static JsonNode body(Response response) {
        try {
            JsonNode body = response.readEntity(JsonNode.class);
            return body == null ? MissingNode.getInstance() : body;
        } catch (RuntimeException unreadable) {
            // not JSON: the status line says enough
            return MissingNode.getInstance();
        }
    }
}
