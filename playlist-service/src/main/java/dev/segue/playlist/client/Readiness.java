package dev.segue.playlist.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;

/** Reads a service's {@code /q/health/ready}, whose DOWN document comes with a 503. */
final class Readiness {

    private Readiness() {
    }

    static JsonNode read(Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 503) {
                try {
                    JsonNode body = e.getResponse().readEntity(JsonNode.class);
                    if (body != null && body.has("status")) {
                        return body;
                    }
                } catch (RuntimeException unreadable) {
                    // a 503 that is not a health document: reported as the failure it is
                }
            }
            throw e;
        }
    }
}
