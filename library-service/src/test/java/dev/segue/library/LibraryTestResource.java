package dev.segue.library;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Two library roots in a temporary folder (the second one is unmounted by a test) and a WireMock
 * server standing in for enrichment-service and sonic-service; the scheduled rescan is off.
 */
public class LibraryTestResource implements QuarkusTestResourceLifecycleManager {

    /** Marks a test field that receives the WireMock server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectWireMock {
    }

    private WireMockServer wireMock;

    @Override
    public Map<String, String> start() {
        try {
            Path base = Files.createTempDirectory("segue-library-test");
            Path main = Files.createDirectories(base.resolve("music"));
            Path second = Files.createDirectories(base.resolve("second-disk"));
            wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            wireMock.start();
            stubRunsAccepted(wireMock);
            String url = "http://localhost:" + wireMock.port();
            return Map.of(
                    "segue.library.roots", main + "," + second,
                    "segue.library.scan.cron", "off",
                    "segue.library.scan.reader-threads", "2",
                    "segue.library.scan.batch-size", "7",
                    "segue.library.migration.backup.directory", base.resolve("backups").toString(),
                    "quarkus.rest-client.enrichment-service.url", url,
                    "quarkus.rest-client.sonic-service.url", url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void stubRunsAccepted(WireMockServer wireMock) {
        wireMock.resetAll();
        wireMock.stubFor(post(urlEqualTo("/api/enrichment/runs")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withHeader("Location", "/api/enrichment/runs/1")
                .withBody("{\"id\":1,\"status\":\"running\"}")));
        wireMock.stubFor(post(urlEqualTo("/api/analysis/runs")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withHeader("Location", "/api/analysis/runs/1")
                .withBody("{\"id\":1,\"status\":\"running\"}")));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(wireMock, new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (wireMock != null) {
            wireMock.stop();
        }
    }
}
