package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code segue scan|enrich|analyze|playlist|similar|status}: drives a running Segue from a terminal,
 * with progress bars for runs and playlists printed as tables. Service URLs come from
 * {@code SEGUE_LIBRARY_URL} … {@code SEGUE_PLAYLIST_URL} (default localhost:8081–8084), the API key
 * from {@code SEGUE_API_KEY}.
 */
public final class SegueCli {

    static final String USAGE = """
            usage: segue <command> [options]

              status                               readiness of every service and library/genre/analysis counts
              scan [--root DIR] [--no-wait]        scan the library (or one folder inside a library root)
              enrich [--scope all|artists|albums|tracks] [--force] [--no-wait]
                                                   fetch genres from MusicBrainz and Last.fm
              analyze [--scope pending|all] [--force] [--no-wait]
                                                   analyse how tracks sound
              playlist --seed ID [--seed ID…] [--size N | --minutes M] [--ordering transition|score]
                       [--name NAME] [--m3u FILE]  build a playlist and print it (optionally save its M3U)
              similar ID [--limit N]               the tracks that sound and feel most like track ID

            environment: SEGUE_LIBRARY_URL, SEGUE_ENRICHMENT_URL, SEGUE_SONIC_URL, SEGUE_PLAYLIST_URL, SEGUE_API_KEY
            """;

    private final SegueApi api;
    private final PrintStream out;
    private final long pollMillis;

    SegueCli(SegueApi api, PrintStream out, long pollMillis) {
        this.api = api;
        this.out = out;
        this.pollMillis = pollMillis;
    }

    public static void main(String[] args) {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("library", url("SEGUE_LIBRARY_URL", 8081));
        services.put("enrichment", url("SEGUE_ENRICHMENT_URL", 8082));
        services.put("sonic", url("SEGUE_SONIC_URL", 8083));
        services.put("playlist", url("SEGUE_PLAYLIST_URL", 8084));
        SegueCli cli = new SegueCli(new SegueApi(services, System.getenv("SEGUE_API_KEY")), System.out, 1000);
        System.exit(cli.run(args));
    }

    private static URI url(String env, int port) {
        String value = System.getenv(env);
        return URI.create(value != null && !value.isBlank() ? value : "http://localhost:" + port);
    }

    int run(String... args) {
        Deque<String> arguments = new ArrayDeque<>(List.of(args));
        if (arguments.isEmpty() || arguments.peek().equals("--help") || arguments.peek().equals("help")) {
            out.print(USAGE);
            return arguments.isEmpty() ? 2 : 0;
        }
        String command = arguments.pop();
        try {
            Options options = Options.parse(arguments);
            return switch (command) {
                case "status" -> status();
                case "scan" -> startRun("library", "/api/scans", options.has("root") ? Map.of("root", options.value("root")) : Map.of(), options);
                case "enrich" -> startRun("enrichment", "/api/enrichment/runs", runBody(options, "all"), options);
                case "analyze" -> startRun("sonic", "/api/analysis/runs", runBody(options, "pending"), options);
                case "playlist" -> playlist(options);
                case "similar" -> similar(options);
                default -> {
                    out.println("Unknown command '" + command + "'.");
                    out.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        } catch (SegueApi.ApiException e) {
            out.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static Map<String, Object> runBody(Options options, String defaultScope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", options.value("scope", defaultScope));
        if (options.has("force")) {
            body.put("force", true);
        }
        return body;
    }

    private int status() {
        int down = 0;
        java.util.Set<String> reachable = new java.util.HashSet<>();
        Table health = new Table("service", "url", "ready");
        for (String service : List.of("library", "enrichment", "sonic", "playlist")) {
            String ready;
            try {
                ready = api.get(service, "/q/health/ready").path("status").asText();
                reachable.add(service);
            } catch (SegueApi.ApiException e) {
                ready = e.status == 503 ? "DOWN (" + e.getMessage() + ")" : "unreachable";
                if (e.status == 503) {
                    reachable.add(service);
                }
                down++;
            }
            health.row(service, api.base(service), ready);
        }
        out.print(health.render());
        Map<String, String> stats = Map.of("library", "/api/stats", "enrichment", "/api/enrichment/stats", "sonic", "/api/analysis/stats");
        for (String service : List.of("library", "enrichment", "sonic")) {
            if (reachable.contains(service)) {
                printCounts(service, stats.get(service));
            }
        }
        return down == 0 ? 0 : 1;
    }

    private void printCounts(String service, String path) {
        try {
            JsonNode stats = api.get(service, path);
            out.println();
            out.println(service + ":");
            flatten("", stats, out);
        } catch (SegueApi.ApiException e) {
            out.println(service + ": " + e.getMessage());
        }
    }

    private static void flatten(String prefix, JsonNode node, PrintStream out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.println("  " + prefix + ": " + node.asText());
        }
    }

    private int startRun(String service, String path, Map<String, ?> body, Options options) throws InterruptedException {
        SegueApi.Answer started;
        try {
            started = api.post(service, path, body);
        } catch (SegueApi.ApiException e) {
            if (e.status == 409) {
                out.println("A run is already going: " + e.getMessage());
                return 0;
            }
            throw e;
        }
        String location = started.location();
        out.println("Started " + (location == null ? service + " run" : location));
        if (options.has("no-wait") || location == null) {
            return 0;
        }
        Progress progress = Progress.of(started.body());
        boolean terminal = System.console() != null;
        while (true) {
            String bar = progress.bar(30);
            out.print(terminal ? "\r" + bar + "   " : bar + System.lineSeparator());
            out.flush();
            if (progress.finished()) {
                break;
            }
            Thread.sleep(pollMillis);
            progress = Progress.of(followThroughOutage(service, location));
        }
        if (terminal) {
            out.println();
        }
        JsonNode run = followThroughOutage(service, location);
        flatten("", run, out);
        return "completed".equals(progress.status()) ? 0 : 1;
    }

    /**
     * The run's state; while its service answers 503 (its database is away: the run pauses and resumes
     * by itself) this waits and asks again instead of giving up on a run that is still going.
     */
    private JsonNode followThroughOutage(String service, String location) throws InterruptedException {
        boolean told = false;
        while (true) {
            try {
                return api.follow(service, location);
            } catch (SegueApi.ApiException e) {
                if (e.status != 503) {
                    throw e;
                }
                if (!told) {
                    out.println(System.lineSeparator() + "Waiting: " + e.getMessage());
                    told = true;
                }
                Thread.sleep(Math.max(pollMillis, 1000));
            }
        }
    }

    private int playlist(Options options) {
        List<String> seeds = options.values("seed");
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("playlist needs at least one --seed TRACK_ID (find ids with the library's GET /api/tracks?q=…)");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("seeds", seeds.stream().map(Long::valueOf).toList());
        if (options.has("size")) {
            request.put("size", Integer.valueOf(options.value("size")));
        }
        if (options.has("minutes")) {
            request.put("targetMinutes", Integer.valueOf(options.value("minutes")));
        }
        request.put("ordering", options.value("ordering", "transition"));
        if (options.has("name")) {
            request.put("name", options.value("name"));
        }
        SegueApi.Answer created = api.post("playlist", "/api/playlists", request);
        JsonNode playlist = created.body();
        out.println(playlist.path("name").asText("playlist") + "  (" + created.location() + ")");
        if (playlist.path("genreOnly").asBoolean(false)) {
            out.println("note: built from genres only, without sonic analysis");
        }
        for (JsonNode note : playlist.path("notes")) {
            out.println("note: " + note.asText());
        }
        out.print(trackTable(playlist.path("tracks")).render());
        if (options.has("m3u")) {
            String m3u = api.getText("playlist", "/api/playlists/" + playlist.path("id").asText() + ".m3u8");
            try {
                Files.writeString(Path.of(options.value("m3u")), m3u);
                out.println("M3U written to " + options.value("m3u"));
            } catch (java.io.IOException e) {
                out.println("error: could not write " + options.value("m3u") + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    private int similar(Options options) {
        String id = options.positional().orElseThrow(() -> new IllegalArgumentException("similar needs a TRACK_ID"));
        JsonNode answer = api.get("playlist", "/api/tracks/" + Long.parseLong(id) + "/similar?limit=" + Integer.parseInt(options.value("limit", "10")));
        out.print(trackTable(answer.has("tracks") ? answer.path("tracks") : answer).render());
        return 0;
    }

    static Table trackTable(JsonNode tracks) {
        Table table = new Table("#", "artist", "title", "length", "sonic", "genre", "transition", "total");
        int position = 1;
        for (JsonNode track : tracks) {
            JsonNode scores = track.has("scores") ? track.path("scores") : track;
            table.row(position++, track.path("artist").asText(), track.path("title").asText(),
                    duration(track), score(scores.path("sonic")), score(scores.path("genre")),
                    score(scores.path("transition")), score(scores.path("total")));
        }
        return table;
    }

    private static String duration(JsonNode track) {
        long seconds;
        if (track.path("durationSeconds").isNumber()) {
            seconds = track.path("durationSeconds").asLong();
        } else if (track.path("durationMs").isNumber()) {
            seconds = track.path("durationMs").asLong() / 1000;
        } else {
            return "";
        }
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static String score(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.2f", value.asDouble()) : "-";
    }
}
