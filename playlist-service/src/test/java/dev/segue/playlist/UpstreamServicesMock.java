package dev.segue.playlist;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Stand-ins for library-service and enrichment-service on dynamic ports, for the gateway's tests. */
public class UpstreamServicesMock implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer library;
    private static WireMockServer enrichment;

    public static WireMockServer library() {
        return library;
    }

    public static WireMockServer enrichment() {
        return enrichment;
    }

    @Override
    public Map<String, String> start() {
        if (library == null) {
            library = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            library.start();
            enrichment = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            enrichment.start();
        }
        return Map.of("quarkus.rest-client.library-service.url", library.baseUrl(),
                "quarkus.rest-client.enrichment-service.url", enrichment.baseUrl());
    }

    @Override
    public void stop() {
        if (library != null) {
            library.stop();
            enrichment.stop();
            library = null;
            enrichment = null;
        }
    }
}
