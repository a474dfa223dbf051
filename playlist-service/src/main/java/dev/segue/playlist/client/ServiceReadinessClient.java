package dev.segue.playlist.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The other three services' {@code /q/health/ready}, whose DOWN document comes with a 503. Neither retried nor
 * behind a breaker: the answer is wanted now, and a connection failure must reach the page as its own reason.
 */
@ApplicationScoped
public class ServiceReadinessClient {

    private final LibraryRestClient library;
    private final EnrichmentRestClient enrichment;
    private final SonicWebRestClient sonic;

    ServiceReadinessClient(@RestClient LibraryRestClient library, @RestClient EnrichmentRestClient enrichment,
                           @RestClient SonicWebRestClient sonic) {
        this.library = library;
        this.enrichment = enrichment;
        this.sonic = sonic;
    }

    public JsonNode library() {
        return read(library::readiness);
    }

    public JsonNode enrichment() {
        return read(enrichment::readiness);
    }

    public JsonNode sonic() {
        return read(sonic::readiness);
    }

    private static JsonNode read(Supplier<JsonNode> call) {
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
