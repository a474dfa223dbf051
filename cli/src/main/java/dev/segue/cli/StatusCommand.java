package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code segue status}: readiness of the four services, what holds them back, and what the library holds. */
final class StatusCommand implements Command {

    static final List<String> SERVICES = List.of("library", "enrichment", "sonic", "playlist");

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "readiness of every service and what the library, genres, analysis and index hold";
    }

    @Override
    public String synopsis() {
        return "";
    }

    @Override
    public String description() {
        return "Exit status 0 when all four services are ready, 1 otherwise.";
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public List<String> examples() {
        return List.of("status");
    }

    @Override
    public int run(Options options, Context context) {
        if (!options.positionals().isEmpty()) {
            throw new UsageException("segue status takes no argument.");
        }
        SegueApi api = context.api();
        Set<String> answering = new LinkedHashSet<>();
        int notReady = 0;
        Table health = new Table("service", "url", "ready", "notes");
        for (String service : SERVICES) {
            String ready;
            String notes;
            try {
                JsonNode readiness = api.readiness(service);
                answering.add(service);
                ready = readiness.path("status").asText("?");
                notes = String.join("; ", Health.notes(readiness));
            } catch (SegueApi.ApiException e) {
                ready = "unreachable";
                notes = e.status == 0 ? "no answer at " + api.base(service) : e.getMessage();
            }
            if (!"UP".equals(ready)) {
                notReady++;
            }
            health.row(service + "-service", api.base(service), ready, notes);
        }
        context.out().print(health.render(160));
        context.out().println();
        if (answering.contains("library")) {
            line(context, "library", () -> library(api.get("library", "/api/stats")));
        }
        if (answering.contains("enrichment")) {
            line(context, "genres", () -> enrichment(api.get("enrichment", "/api/enrichment/stats")));
        }
        if (answering.contains("sonic")) {
            line(context, "sound", () -> sonic(api.get("sonic", "/api/analysis/stats")));
        }
        if (answering.contains("playlist")) {
            line(context, "index", () -> index(api.get("playlist", "/api/index")));
        }
        if (notReady > 0) {
            context.err().println(notReady + " of 4 services " + (notReady == 1 ? "is" : "are") + " not ready.");
        }
        return notReady == 0 ? 0 : 1;
    }

    private interface Lines {
        List<String> get();
    }

    private static void line(Context context, String label, Lines lines) {
        List<String> text;
        try {
            text = lines.get();
        } catch (SegueApi.ApiException e) {
            text = List.of(e.getMessage());
        }
        String indent = " ".repeat(label.length() + 2);
        for (int i = 0; i < text.size(); i++) {
            context.out().println((i == 0 ? label + ": " : indent) + text.get(i));
        }
    }

    private static List<String> library(JsonNode stats) {
        List<String> formats = new ArrayList<>();
        for (Map.Entry<String, JsonNode> format : stats.path("byFormat").properties()) {
            formats.add(format.getKey() + " " + format.getValue().asLong());
        }
        return List.of(stats.path("tracks").asLong() + " tracks" + (stats.path("missing").asLong() > 0 ? " (+" + stats.path("missing").asLong() + " missing)" : "")
                + ", " + stats.path("albums").asLong() + " albums, " + stats.path("artists").asLong() + " artists, "
                + Durations.clock(stats.path("totalDurationMs").asLong() / 1000) + " of music"
                + (formats.isEmpty() ? "" : "; " + String.join(", ", formats)));
    }

    private static List<String> enrichment(JsonNode stats) {
        List<String> coverage = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entity : stats.path("entities").properties()) {
            JsonNode c = entity.getValue();
            coverage.add(entity.getKey() + " " + c.path("withGenres").asLong() + "/" + c.path("total").asLong()
                    + String.format(Locale.ROOT, " (%.0f %%)", c.path("coverage").asDouble() * 100));
        }
        List<String> lines = new ArrayList<>();
        lines.add("with genres: " + String.join(", ", coverage));
        for (JsonNode source : stats.path("sources")) {
            lines.add(source.path("source").asText() + ": " + sourceState(source) + ", " + source.path("calls").asLong() + " calls");
        }
        return lines;
    }

    static String sourceState(JsonNode source) {
        if (!source.path("enabled").asBoolean(true)) {
            return "disabled: " + source.path("reason").asText();
        }
        if (source.path("unreachable").isTextual()) {
            return "unreachable: " + source.path("unreachable").asText();
        }
        return "enabled, circuit breaker " + source.path("circuitBreaker").asText("?");
    }

    private static List<String> sonic(JsonNode stats) {
        List<String> decoders = new ArrayList<>();
        for (JsonNode decoder : stats.path("decoders")) {
            if (decoder.path("selected").asBoolean(false)) {
                decoders.add(decoder.path("name").asText());
            }
        }
        return List.of(stats.path("analysed").asLong() + " of " + stats.path("presentTracks").asLong() + " tracks analysed, "
                + stats.path("pending").asLong() + " pending, " + stats.path("failed").asLong() + " failed, "
                + stats.path("unsupported").asLong() + " unsupported (analyzer " + stats.path("analyzerVersion").asText()
                + (decoders.isEmpty() ? "" : "; decoding with " + String.join(", ", decoders)) + ")");
    }

    private static List<String> index(JsonNode index) {
        return List.of(index.path("tracks").asLong() + " tracks, " + index.path("analysedTracks").asLong() + " with their sound"
                + (index.path("lastRefresh").isTextual() ? "; refreshed " + index.path("lastRefresh").asText() : ""));
    }
}
