package dev.segue.playlist.service;

import dev.segue.commons.problem.ProblemException;
import dev.segue.playlist.delivery.CheckResult;
import dev.segue.playlist.delivery.DeliveryConfig;
import dev.segue.playlist.delivery.Kind;
import dev.segue.playlist.delivery.ListedTarget;
import dev.segue.playlist.delivery.LocalTrack;
import dev.segue.playlist.delivery.Matcher;
import dev.segue.playlist.delivery.PathMapping;
import dev.segue.playlist.delivery.PushResult;
import dev.segue.playlist.delivery.RemoteFailure;
import dev.segue.playlist.delivery.RemoteTrack;
import dev.segue.playlist.delivery.Target;
import dev.segue.playlist.delivery.TargetClient;
import dev.segue.playlist.delivery.Unmatched;
import dev.segue.playlist.repository.DeliveryRepository;
import dev.segue.playlist.repository.PlaylistRepository;
import dev.segue.playlist.repository.TrackRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Pushes playlists to the user's servers: the server's catalogue is read once and matched, then the playlist is
 * created there, or replaced in place when it was pushed before and still exists (its remote id is remembered).
 * Secrets are read from the environment at each use and go nowhere else.
 */
@ApplicationScoped
public class DeliveryService {

    private final DeliveryRepository repository;
    private final PlaylistRepository playlists;
    private final TrackRepository tracks;
    private final DeliveryConfig config;
    private final Config environment;
    private final Map<Kind, TargetClient> clients = new EnumMap<>(Kind.class);

    DeliveryService(DeliveryRepository repository, PlaylistRepository playlists, TrackRepository tracks, DeliveryConfig config,
                    Config environment, Instance<TargetClient> clients) {
        this.repository = repository;
        this.playlists = playlists;
        this.tracks = tracks;
        this.config = config;
        this.environment = environment;
        clients.forEach(c -> this.clients.put(c.kind(), c));
    }

    public List<ListedTarget> targets() {
        return all().values().stream().map(t -> new ListedTarget(t, secret(t).isPresent())).toList();
    }

    /** Replaces the targets defined through the API; those of the configuration stay as they are. */
    public List<ListedTarget> putTargets(List<Target> targets) {
        Map<String, Target> configured = configured();
        Set<String> names = new HashSet<>();
        for (Target t : targets) {
            if (!names.add(t.name())) {
                throw ProblemException.unprocessable("Target '" + t.name() + "' is given twice.");
            }
            if (configured.containsKey(t.name())) {
                throw ProblemException.conflict("Target '" + t.name() + "' is defined in the configuration; change it there or "
                        + "choose another name.");
            }
            validate(t);
        }
        repository.replaceTargets(targets);
        return targets();
    }

    public CheckResult check(String name) {
        Target t = target(name);
        TargetClient client = client(t);
        String secret = secret(t).orElse(null);
        if (secret == null && needsSecret(t.kind())) {
            return new CheckResult(name, false, false, null, null, null, "No secret: set the environment variable "
                    + t.secretVariable() + ".");
        }
        try {
            client.probe(t, secret);
        } catch (ProblemException e) {
            boolean credentials = e.getMessage().contains("credentials");
            return new CheckResult(name, credentials, false, null, null, null, e.getMessage());
        } catch (RemoteFailure | CircuitBreakerOpenException | TimeoutException e) {
            return new CheckResult(name, false, false, null, null, null, PushFailed.cause(e) + ".");
        }
        List<LocalTrack> library = tracks.present();
        if (t.kind() == Kind.FOLDER) {
            PathMapping mapping = t.mapping();
            int mappable = (int) library.stream().filter(l -> mapping.map(l.path()).isPresent()).count();
            return new CheckResult(name, true, true, null, mappable, library.size(), null);
        }
        try {
            List<RemoteTrack> catalogue = client.catalogue(t, secret);
            Matcher matcher = new Matcher(catalogue, t.mapping(), client.pathsAreReal(t));
            int matchable = (int) library.stream().filter(matcher::has).count();
            return new CheckResult(name, true, true, catalogue.size(), matchable, library.size(), null);
        } catch (ProblemException e) {
            return new CheckResult(name, true, true, null, null, library.size(), e.getMessage());
        } catch (RemoteFailure | CircuitBreakerOpenException | TimeoutException e) {
            return new CheckResult(name, true, true, null, null, library.size(), "The catalogue could not be read: "
                    + PushFailed.cause(e) + ".");
        }
    }

    /**
     * Creates the playlist on the target or replaces its contents in place. The timeout bounds the whole push
     * ({@code quarkus.fault-tolerance."…DeliveryService/push".timeout.value}).
     */
    @Timeout(60_000)
    @Fallback(value = PushFailed.class, applyOn = {RemoteFailure.class, TimeoutException.class, CircuitBreakerOpenException.class})
    public PushResult push(long playlistId, String targetName) {
        PushResult result = deliver(playlistId, targetName, repository.remoteId(playlistId, targetName));
        repository.savePush(playlistId, targetName, result.remoteId(), result.matched(), result.unmatched().size());
        return result;
    }

    /**
     * Pushes the playlist in place of the one the server knows as {@code previousRemoteId} (a mix's one playlist
     * per target, renewed by each edition), or creates it when there is none or it was deleted on the server.
     * Bounded and failing like {@link #push}.
     */
    @Timeout(60_000)
    @Fallback(value = PushFailed.class, applyOn = {RemoteFailure.class, TimeoutException.class, CircuitBreakerOpenException.class})
    public PushResult pushReplacing(long playlistId, String targetName, Optional<String> previousRemoteId) {
        return deliver(playlistId, targetName, previousRemoteId);
    }

    /** Whether a target of this name is configured or defined through the API. */
    public boolean hasTarget(String name) {
        return all().containsKey(name);
    }

    private PushResult deliver(long playlistId, String targetName, Optional<String> previous) {
        Target t = target(targetName);
        String name = playlists.find(playlistId).map(p -> p.name)
                .orElseThrow(() -> ProblemException.notFound("No playlist with id " + playlistId + "."));
        List<LocalTrack> local = tracks.ofPlaylist(playlistId);
        TargetClient client = client(t);
        String secret = secret(t).orElse(null);
        if (secret == null && needsSecret(t.kind())) {
            throw ProblemException.unprocessable("Target '" + t.name() + "' has no secret: set the environment variable "
                    + t.secretVariable() + " and restart playlist-service.");
        }
        Matcher.Matching matching = t.kind() == Kind.FOLDER ? byMappedPath(t, local)
                : new Matcher(client.catalogue(t, secret), t.mapping(), client.pathsAreReal(t)).match(local);
        if (matching.remoteIds().isEmpty()) {
            throw ProblemException.unprocessable("None of the " + local.size() + " tracks of playlist " + playlistId
                    + " was found on target '" + t.name() + "'" + (matching.unmatched().isEmpty() ? ""
                    : " (first: " + matching.unmatched().get(0).reason() + ")") + "; check its path mappings.");
        }
        boolean created;
        String remoteId;
        if (previous.isPresent() && client.exists(t, secret, previous.get())) {
            remoteId = previous.get();
            client.replace(t, secret, remoteId, name, matching.remoteIds());
            created = false;
        } else {
            remoteId = client.create(t, secret, name, matching.remoteIds());
            created = true;
        }
        return new PushResult(playlistId, t.name(), remoteId, created, local.size(), matching.remoteIds().size(),
                matching.unmatched());
    }

    /** A playlist folder has no catalogue: every track with a mapped path is written. */
    private static Matcher.Matching byMappedPath(Target t, List<LocalTrack> tracks) {
        PathMapping mapping = t.mapping();
        List<String> paths = new ArrayList<>();
        List<Long> matched = new ArrayList<>();
        List<Unmatched> unmatched = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            LocalTrack l = tracks.get(i);
            Optional<String> mapped = mapping.map(l.path());
            if (mapped.isPresent()) {
                paths.add(mapped.get());
                matched.add(l.trackId());
            } else {
                unmatched.add(new Unmatched(i, l.trackId(), l.artist(), l.title(), l.path() + " is outside every path mapping"));
            }
        }
        return new Matcher.Matching(paths, matched, unmatched);
    }

    /** Every kind has its client bean. */
    private TargetClient client(Target t) {
        return clients.get(t.kind());
    }

    private Target target(String name) {
        Target t = all().get(name);
        if (t == null) {
            throw ProblemException.notFound("No target named '" + name + "'; GET /api/targets lists them.");
        }
        return t;
    }

    private Map<String, Target> all() {
        Map<String, Target> all = new TreeMap<>(configured());
        repository.storedTargets().forEach(t -> all.putIfAbsent(t.name(), t));
        return all;
    }

    private Map<String, Target> configured() {
        Map<String, Target> out = new TreeMap<>();
        config.targets().forEach((name, c) -> out.put(name, new Target(name, c.kind(), c.url().orElse(null),
                c.directory().orElse(null), c.section().orElse(null), c.user().orElse(null),
                c.pathMappings().orElse(List.of()), "config")));
        return out;
    }

    private Optional<String> secret(Target t) {
        return environment.getOptionalValue(t.secretVariable(), String.class).filter(s -> !s.isBlank());
    }

    private static boolean needsSecret(Kind kind) {
        return kind == Kind.PLEX || kind == Kind.JELLYFIN || kind == Kind.SUBSONIC;
    }

    private static void validate(Target t) {
        t.mapping();
        if (t.kind() == Kind.FOLDER) {
            if (t.directory() == null || !Path.of(t.directory()).isAbsolute()) {
                throw ProblemException.unprocessable("Target '" + t.name() + "' (folder) needs an absolute directory.");
            }
            return;
        }
        if (t.url() == null) {
            throw ProblemException.unprocessable("Target '" + t.name() + "' (" + t.kind().id() + ") needs a url.");
        }
        URI uri;
        try {
            uri = URI.create(t.url());
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("Target '" + t.name() + "': url '" + t.url() + "' is not a URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        boolean ok = t.kind() == Kind.MPD ? scheme.equals("mpd") : scheme.equals("http") || scheme.equals("https");
        if (!ok || uri.getHost() == null) {
            throw ProblemException.unprocessable("Target '" + t.name() + "': url '" + t.url() + "' should look like "
                    + (t.kind() == Kind.MPD ? "mpd://host:6600" : "http://host:port") + ".");
        }
        if ((t.kind() == Kind.SUBSONIC || t.kind() == Kind.JELLYFIN) && t.user() == null) {
            throw ProblemException.unprocessable("Target '" + t.name() + "' (" + t.kind().id() + ") needs a user ("
                    + (t.kind() == Kind.SUBSONIC ? "the user name" : "the user id") + ").");
        }
    }
}
