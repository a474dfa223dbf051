package dev.segue.commons.security;

import dev.segue.commons.problem.Problem;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Requires the deployment's API key ({@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>})
 * on mutating {@code /api} requests when one is configured. Keys are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, so neither content nor length leaks through timing.
 */
@ApplicationScoped
public class ApiKeyFilter {

    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** The header that carries the key, besides {@code Authorization: Bearer}. */
    static final String HEADER = "X-Api-Key";

    private final Optional<byte[]> expectedDigest;
    private final boolean protectReads;

    // Application-scoped (a lazy client proxy) because REST filters are instantiated at static init,
    // before runtime configuration exists.
    ApiKeyFilter(SecurityConfig config) {
        this.expectedDigest = config.apiKey().filter(k -> !k.isBlank()).map(ApiKeyFilter::digest);
        this.protectReads = config.protectReads();
    }

    void warnWhenOpen(@Observes StartupEvent event) {
        if (expectedDigest.isEmpty()) {
            LOG.warn("SEGUE_API_KEY is not set: anyone who can reach this service can start scans, runs and deletes. "
                    + "Set SEGUE_API_KEY to require a key on mutating requests.");
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireKey(ContainerRequestContext request) {
        if (expectedDigest.isEmpty() || !needsKey(request)) {
            return Optional.empty();
        }
        String presented = presentedKey(request);
        if (presented != null && MessageDigest.isEqual(expectedDigest.get(), digest(presented))) {
            return Optional.empty();
        }
        String detail = presented == null
                ? "This request changes data and needs the API key: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."
                : "The API key sent with this request is not the configured one.";
        Problem problem = new Problem(URI.create("about:blank"), "Unauthorized", 401, detail,
                URI.create(request.getUriInfo().getRequestUri().getRawPath()), List.of());
        return Optional.of(Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"segue\"").entity(problem).build());
    }

    private boolean needsKey(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api")) {
            return false;
        }
        return protectReads || !READ_METHODS.contains(request.getMethod());
    }

    private static String presentedKey(ContainerRequestContext request) {
        String header = request.getHeaderString(HEADER);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return null;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
