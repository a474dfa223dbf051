package dev.segue.enrichment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One WireMock server on a dynamic port standing in for both Last.fm ({@code /2.0/}) and
 * MusicBrainz ({@code /ws/2/}). Unknown entities get the services' own "not found" answers.
 * Rate limits are raised so tests run fast; {@link #LASTFM_RATE} and {@link #MUSICBRAINZ_RATE}
 * are what the request-rate assertions check against.
 */
public class SourcesStub implements QuarkusTestResourceLifecycleManager {

    public static final double LASTFM_RATE = rate(25, 5);
    public static final double MUSICBRAINZ_RATE = rate(20, 1);
    public static final String API_KEY = "test-key";

    private static WireMockServer server;

    /** The test rate, or with {@code -Dsegue.bench.rate-scale=N} the real rate times N (benchmark). */
    private static double rate(double test, double real) {
        String scale = System.getProperty("segue.bench.rate-scale");
        return scale == null ? test : real * Double.parseDouble(scale);
    }

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().containerThreads(20).extensions(new BenchModelTransformer()));
        server.start();
        catchAll(server);
        warmUp(server);
        return Map.of(
                "quarkus.rest-client.musicbrainz.url", server.baseUrl(),
                "quarkus.rest-client.lastfm.url", server.baseUrl(),
                "segue.enrichment.lastfm.api-key", API_KEY,
                "segue.enrichment.lastfm.rate-per-second", String.valueOf(LASTFM_RATE),
                "segue.enrichment.musicbrainz.rate-per-second", String.valueOf(MUSICBRAINZ_RATE));
    }

    static void catchAll(WireMockServer server) {
        server.stubFor(get(urlPathMatching("/2\\.0/?")).atPriority(100)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(fixture("error-6-not-found.json"))));
        server.stubFor(get(urlPathMatching("/ws/2/.*")).atPriority(100)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody(fixture("error-404.json"))));
    }

    /** A cold stub can take longer than the test read timeout to answer its first request. */
    private static void warmUp(WireMockServer server) {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/2.0/?method=warm.up", "/ws/2/artist/warm-up"}) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        server.resetRequests();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public static String fixture(String name) {
        try (InputStream in = SourcesStub.class.getClassLoader().getResourceAsStream("fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
