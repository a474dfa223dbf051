package dev.segue.playlist.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Jellyfin with an API key in {@code Authorization: MediaBrowser Token="…"} (current releases turn the old
 * {@code X-Emby-Token} and {@code api_key} forms off); {@code user} is the user id the playlist belongs to.
 * Catalogue: {@code GET /Items?IncludeItemTypes=Audio&Recursive=true&Fields=Path,ProviderIds}, paged; create
 * {@code POST /Playlists {Name, Ids, UserId, MediaType}}; replace {@code POST /Playlists/{id} {Ids}}, which
 * sets the items in place in one request.
 */
@ApplicationScoped
class JellyfinClient implements TargetClient {

    private final Http http;
    private final DeliveryConfig config;
    private final ObjectMapper mapper;

    JellyfinClient(Http http, DeliveryConfig config, ObjectMapper mapper) {
        this.http = http;
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public Kind kind() {
        return Kind.JELLYFIN;
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public void probe(Target target, String secret) {
        http.require(target, get(target, secret, items(target, 0, 1)));
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public List<RemoteTrack> catalogue(Target target, String secret) {
        List<RemoteTrack> out = new ArrayList<>();
        int size = config.pageSize();
        for (int start = 0; ; start += size) {
            JsonNode page = http.require(target, get(target, secret, items(target, start, size)));
            JsonNode items = page.path("Items");
            for (JsonNode i : items) {
                String artist = i.path("Artists").path(0).asText(i.path("AlbumArtist").asText(null));
                Integer seconds = i.hasNonNull("RunTimeTicks") ? (int) Math.round(i.get("RunTimeTicks").asLong() / 1e7) : null;
                String mbid = i.path("ProviderIds").path("MusicBrainzRecording").asText(null);
                out.add(new RemoteTrack(i.path("Id").asText(), i.path("Path").asText(null), mbid, artist, i.path("Name").asText(null),
                        seconds));
            }
            int total = page.path("TotalRecordCount").asInt(-1);
            if (items.size() < size || (total >= 0 && start + items.size() >= total)) {
                return out;
            }
        }
    }

    private static String items(Target target, int start, int limit) {
        return "/Items?userId=" + encode(target.user()) + "&IncludeItemTypes=Audio&Recursive=true&Fields=Path,ProviderIds"
                + "&SortBy=SortName&StartIndex=" + start + "&Limit=" + limit;
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public boolean exists(Target target, String secret, String remoteId) {
        return http.send(target, get(target, secret, "/Playlists/" + encode(remoteId))).isPresent();
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public String create(Target target, String secret, String name, List<String> ids) {
        ObjectNode body = mapper.createObjectNode().put("Name", name).put("UserId", target.user()).put("MediaType", "Audio");
        ids.forEach(body.putArray("Ids")::add);
        String id = http.require(target, post(target, secret, "/Playlists", body)).path("Id").asText("");
        if (id.isEmpty()) {
            throw new RemoteFailure("POST /Playlists answered without the new playlist's Id");
        }
        return id;
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public void replace(Target target, String secret, String remoteId, String name, List<String> ids) {
        ObjectNode body = mapper.createObjectNode();
        ids.forEach(body.putArray("Ids")::add);
        http.require(target, post(target, secret, "/Playlists/" + encode(remoteId), body));
    }

    private HttpRequest get(Target target, String secret, String path) {
        return http.request(target.base() + path).header("Authorization", authorization(secret)).GET().build();
    }

    private HttpRequest post(Target target, String secret, String path, JsonNode body) {
        return http.request(target.base() + path).header("Authorization", authorization(secret))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private static String authorization(String secret) {
        return "MediaBrowser Client=\"Segue\", Device=\"playlist-service\", DeviceId=\"segue\", Version=\"1\", Token=\""
                + (secret == null ? "" : secret) + "\"";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
