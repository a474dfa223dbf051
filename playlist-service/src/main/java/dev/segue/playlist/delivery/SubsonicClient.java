package dev.segue.playlist.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.commons.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Subsonic/OpenSubsonic (Navidrome, gonic, …) with token auth: {@code u}, {@code t = md5(password + s)} and a
 * fresh salt {@code s} per request, so the password itself never travels. Catalogue: {@code search3} with an
 * empty query, paged by {@code songOffset}; create {@code createPlaylist?name=…&songId=…}; replace
 * {@code createPlaylist?playlistId=…&songId=…}, which sets the songs in place. Long playlists must not outgrow a
 * URL: where the server advertises the OpenSubsonic {@code formPost} extension the same call is one form POST,
 * elsewhere the first batch of songs goes with createPlaylist and the rest with
 * {@code updatePlaylist?songIdToAdd=…}, a batch per request. Errors come as HTTP 200 with
 * {@code status: failed}: 40/41 wrong credentials, 50 not authorised, 70 not found (absent).
 */
@ApplicationScoped
class SubsonicClient implements TargetClient {

    static final String API_VERSION = "1.16.1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Http http;
    private final DeliveryConfig config;

    SubsonicClient(Http http, DeliveryConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Kind kind() {
        return Kind.SUBSONIC;
    }

    /** Navidrome's song paths are virtual unless configured otherwise: match by MBID and tags. */
    @Override
    public boolean pathsAreReal(Target target) {
        return false;
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public void probe(Target target, String secret) {
        require(target, secret, "ping", "", false);
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public List<RemoteTrack> catalogue(Target target, String secret) {
        List<RemoteTrack> out = new ArrayList<>();
        int size = config.pageSize();
        for (int offset = 0; ; offset += size) {
            JsonNode songs = require(target, secret, "search3", "&query=&artistCount=0&albumCount=0&songCount=" + size
                    + "&songOffset=" + offset, false).path("searchResult3").path("song");
            for (JsonNode s : songs) {
                String mbid = s.path("musicBrainzId").asText("");
                out.add(new RemoteTrack(s.path("id").asText(), s.path("path").asText(null), mbid.isEmpty() ? null : mbid,
                        s.path("artist").asText(null), s.path("title").asText(null),
                        s.hasNonNull("duration") ? s.get("duration").asInt() : null));
            }
            if (songs.size() < size) {
                return out;
            }
        }
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public boolean exists(Target target, String secret, String remoteId) {
        return call(target, secret, "getPlaylist", "&id=" + encode(remoteId), false).isPresent();
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public String create(Target target, String secret, String name, List<String> ids) {
        if (formPost(target, secret)) {
            return createdId(require(target, secret, "createPlaylist", "&name=" + encode(name) + songIds("songId", ids), true));
        }
        List<List<String>> batches = batches(ids);
        String id = createdId(require(target, secret, "createPlaylist", "&name=" + encode(name) + songIds("songId", batches.get(0)),
                false));
        try {
            add(target, secret, id, batches);
        } catch (RuntimeException e) {
            // a half-filled new playlist would be a partial copy left behind: take it away again
            deleteQuietly(target, secret, id);
            throw e;
        }
        return id;
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = ProblemException.class)
    public void replace(Target target, String secret, String remoteId, String name, List<String> ids) {
        if (formPost(target, secret)) {
            require(target, secret, "createPlaylist", "&playlistId=" + encode(remoteId) + songIds("songId", ids), true);
            return;
        }
        List<List<String>> batches = batches(ids);
        require(target, secret, "createPlaylist", "&playlistId=" + encode(remoteId) + songIds("songId", batches.get(0)), false);
        add(target, secret, remoteId, batches);
    }

    /**
     * Whether the server takes {@code POST application/x-www-form-urlencoded} (the OpenSubsonic {@code formPost}
     * extension), so a long playlist goes in one request whatever its length. A plain Subsonic server does not know
     * {@code getOpenSubsonicExtensions} and answers an error or a 404: no.
     */
    private boolean formPost(Target target, String secret) {
        try {
            return call(target, secret, "getOpenSubsonicExtensions", "", false)
                    .map(body -> body.path("openSubsonicExtensions").findValuesAsText("name").contains("formPost")).orElse(false);
        } catch (ProblemException notOpenSubsonic) {
            return false;
        }
    }

    /** The ids after the first batch, appended with {@code updatePlaylist?songIdToAdd=…}, a batch per request. */
    private void add(Target target, String secret, String remoteId, List<List<String>> batches) {
        for (List<String> batch : batches.subList(1, batches.size())) {
            require(target, secret, "updatePlaylist", "&playlistId=" + encode(remoteId) + songIds("songIdToAdd", batch), false);
        }
    }

    /** Song ids in batches of {@code segue.delivery.batch-size}, so no URL grows past what servers and proxies take. */
    private List<List<String>> batches(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += config.batchSize()) {
            out.add(ids.subList(i, Math.min(ids.size(), i + config.batchSize())));
        }
        return out.isEmpty() ? List.of(List.of()) : out;
    }

    private void deleteQuietly(Target target, String secret, String id) {
        try {
            call(target, secret, "deletePlaylist", "&id=" + encode(id), false);
        } catch (RuntimeException ignored) {
            // the failure that made the playlist partial is the one to report
        }
    }

    private static String createdId(JsonNode body) {
        String id = body.path("playlist").path("id").asText("");
        if (id.isEmpty()) {
            throw new RemoteFailure("createPlaylist answered without the new playlist's id");
        }
        return id;
    }

    private static String songIds(String parameter, List<String> ids) {
        StringBuilder b = new StringBuilder();
        ids.forEach(id -> b.append('&').append(parameter).append('=').append(encode(id)));
        return b.toString();
    }

    private JsonNode require(Target target, String secret, String method, String params, boolean form) {
        return call(target, secret, method, params, form).orElseThrow(() -> Refused.answer(target, method + " answered: not found"));
    }

    /**
     * The inner response; empty for error 70 (not found). {@code params} ({@code &name=value…}) and the auth
     * parameters go in the query of a GET, or in the body of a form POST.
     */
    private Optional<JsonNode> call(Target target, String secret, String method, String params, boolean form) {
        String salt = salt();
        String parameters = "u=" + encode(target.user()) + "&t=" + token(secret == null ? "" : secret, salt) + "&s=" + salt + "&v="
                + API_VERSION + "&c=segue&f=json" + params;
        String url = target.base() + "/rest/" + method;
        HttpRequest request = form
                ? http.request(url).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(parameters)).build()
                : http.request(url + "?" + parameters).GET().build();
        JsonNode body = http.require(target, request).path("subsonic-response");
        if (body.isMissingNode()) {
            throw new RemoteFailure(method + " answered JSON that is not a Subsonic response");
        }
        if ("ok".equals(body.path("status").asText())) {
            return Optional.of(body);
        }
        int code = body.path("error").path("code").asInt(-1);
        String message = method + " answered error " + code + " (" + body.path("error").path("message").asText("no message") + ")";
        return switch (code) {
            case 70 -> Optional.empty();
            case 40, 41 -> throw Refused.credentials(target, message);
            case 50 -> throw Refused.answer(target, message + ": user '" + target.user() + "' is not allowed to do this");
            default -> throw Refused.answer(target, message);
        };
    }

    private static String salt() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String token(String password, String salt) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest((password + salt).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JRE", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
