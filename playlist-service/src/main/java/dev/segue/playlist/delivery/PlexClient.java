package dev.segue.playlist.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.commons.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Plex Media Server with an {@code X-Plex-Token}: the music section's tracks ({@code type=10}, paged) with
 * their {@code Media/Part@file} and MusicBrainz guids; a playlist is created with its first batch of ids in the
 * {@code uri} and filled with {@code PUT /playlists/{id}/items} batches; replace clears the items first.
 */
@ApplicationScoped
class PlexClient implements TargetClient {

    private final Http http;
    private final DeliveryConfig config;

    PlexClient(Http http, DeliveryConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Kind kind() {
        return Kind.PLEX;
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public void probe(Target target, String secret) {
        section(target, secret);
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public List<RemoteTrack> catalogue(Target target, String secret) {
        String section = section(target, secret);
        List<RemoteTrack> out = new ArrayList<>();
        int size = config.pageSize();
        for (int start = 0; ; start += size) {
            JsonNode c = http.require(target, get(target, secret, "/library/sections/" + section + "/all?type=10&includeGuids=1"
                    + "&X-Plex-Container-Start=" + start + "&X-Plex-Container-Size=" + size)).path("MediaContainer");
            JsonNode items = c.path("Metadata");
            for (JsonNode m : items) {
                out.add(track(m));
            }
            int total = c.path("totalSize").asInt(-1);
            if (items.size() < size || (total >= 0 && start + items.size() >= total)) {
                return out;
            }
        }
    }

    private static RemoteTrack track(JsonNode m) {
        String file = null;
        for (JsonNode media : m.path("Media")) {
            for (JsonNode part : media.path("Part")) {
                if (file == null && part.hasNonNull("file")) {
                    file = part.get("file").asText();
                }
            }
        }
        String mbid = null;
        for (JsonNode g : m.path("Guid")) {
            String id = g.path("id").asText("");
            if (id.startsWith("mbid://")) {
                mbid = id.substring(7);
            }
        }
        String artist = m.hasNonNull("originalTitle") ? m.get("originalTitle").asText() : m.path("grandparentTitle").asText(null);
        Integer seconds = m.hasNonNull("duration") ? (int) Math.round(m.get("duration").asLong() / 1000.0) : null;
        return new RemoteTrack(m.path("ratingKey").asText(), file, mbid, artist, m.path("title").asText(null), seconds);
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public boolean exists(Target target, String secret, String remoteId) {
        return http.send(target, get(target, secret, "/playlists/" + remoteId)).isPresent();
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public String create(Target target, String secret, String name, List<String> ids) {
        if (ids.isEmpty()) {
            throw Refused.answer(target, "Plex keeps no empty playlist and none of the tracks matched");
        }
        String machine = http.require(target, get(target, secret, "/identity")).path("MediaContainer").path("machineIdentifier").asText("");
        if (machine.isEmpty()) {
            throw new RemoteFailure("GET /identity answered without a machineIdentifier");
        }
        List<List<String>> batches = batches(ids);
        JsonNode created = http.require(target, write(target, secret, "POST", "/playlists?type=audio&smart=0&title="
                + encode(name) + "&uri=" + encode(uri(machine, batches.get(0)))));
        String id = created.path("MediaContainer").path("Metadata").path(0).path("ratingKey").asText("");
        if (id.isEmpty()) {
            throw new RemoteFailure("POST /playlists answered without the new playlist's ratingKey");
        }
        try {
            add(target, secret, machine, id, batches.subList(1, batches.size()));
        } catch (RuntimeException e) {
            // a half-filled new playlist would be a partial duplicate at the next push: take it away
            try {
                http.send(target, write(target, secret, "DELETE", "/playlists/" + id));
            } catch (RuntimeException ignored) {
                // the server is failing; the first failure is the one reported
            }
            throw e;
        }
        return id;
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public void replace(Target target, String secret, String remoteId, String name, List<String> ids) {
        String machine = http.require(target, get(target, secret, "/identity")).path("MediaContainer").path("machineIdentifier").asText("");
        http.require(target, write(target, secret, "DELETE", "/playlists/" + remoteId + "/items"));
        add(target, secret, machine, remoteId, batches(ids));
    }

    private void add(Target target, String secret, String machine, String id, List<List<String>> batches) {
        for (List<String> batch : batches) {
            http.require(target, write(target, secret, "PUT", "/playlists/" + id + "/items?uri=" + encode(uri(machine, batch))));
        }
    }

    private List<List<String>> batches(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += config.batchSize()) {
            out.add(ids.subList(i, Math.min(ids.size(), i + config.batchSize())));
        }
        return out;
    }

    private static String uri(String machine, List<String> ids) {
        return "server://" + machine + "/com.plexapp.plugins.library/library/metadata/" + String.join(",", ids);
    }

    /** The configured section, or the first music ({@code artist}) section. */
    private String section(Target target, String secret) {
        JsonNode sections = http.require(target, get(target, secret, "/library/sections")).path("MediaContainer").path("Directory");
        for (JsonNode s : sections) {
            if (target.section() == null ? "artist".equals(s.path("type").asText()) : target.section().equals(s.path("key").asText())
                    || target.section().equals(s.path("title").asText())) {
                return s.path("key").asText();
            }
        }
        throw Refused.answer(target, target.section() == null ? "the server has no music library"
                : "the server has no library section '" + target.section() + "'");
    }

    private HttpRequest get(Target target, String secret, String path) {
        return http.request(target.base() + path).header("X-Plex-Token", secret == null ? "" : secret).GET().build();
    }

    private HttpRequest write(Target target, String secret, String method, String path) {
        return http.request(target.base() + path).header("X-Plex-Token", secret == null ? "" : secret)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
