package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code segue analyze}: how every track sounds at its beginning, middle and end. */
final class AnalyzeCommand extends RunCommand {

    private static final int FAILURES_SHOWN = 10;

    private static final Option SCOPE = Option.choice("scope", List.of("pending", "all"),
            "pending: tracks without a current analysis (default); all: failed ones too");
    private static final Option TRACK = Option.whole("track", "ID", "analyse this track (repeatable); replaces --scope").repeated();

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public List<String> aliases() {
        return List.of("analyse");
    }

    @Override
    public String summary() {
        return "analyse how tracks sound (beginning, middle, end) for sonic similarity";
    }

    @Override
    public String synopsis() {
        return "[--scope pending|all] [--track ID…] [--force] [--no-wait]";
    }

    @Override
    public String description() {
        return """
                Analyses the tracks without a current analysis (or all, or the given ones) and follows the run
                to its end; a run already going (e.g. the one the scan started) is followed instead. Tracks
                that could not be decoded are listed afterwards.""";
    }

    @Override
    public List<Option> options() {
        return List.of(
                SCOPE,
                TRACK,
                Option.flag("force", "analyse again what is analysed"),
                Option.flag("no-wait", "start the run and print its URL instead of following it"));
    }

    @Override
    public List<String> examples() {
        return List.of("analyze", "analyze --scope all --force", "analyze --track 12 --track 13");
    }

    @Override
    String service() {
        return "sonic";
    }

    @Override
    String runsPath() {
        return "/api/analysis/runs";
    }

    @Override
    String noun() {
        return "analysis run";
    }

    @Override
    Map<String, Object> body(Options options) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (options.has("track")) {
            body.put("scope", "trackIds");
            body.put("trackIds", options.values("track").stream().map(TRACK::convert).toList());
        } else {
            body.put("scope", SCOPE.convert(options.value("scope", "pending")));
        }
        if (options.has("force")) {
            body.put("force", true);
        }
        return body;
    }

    @Override
    void summarise(JsonNode run, Context context) {
        context.out().printf("%s: %d analysed, %d failed.%n", Runs.headline(noun(), run),
                run.path("done").asLong() - run.path("failed").asLong(), run.path("failed").asLong());
        Runs.message(run, context);
        JsonNode failures = run.path("failures");
        if (failures.isArray() && !failures.isEmpty()) {
            context.out().println("Could not analyse" + (failures.size() > FAILURES_SHOWN ? " (first " + FAILURES_SHOWN + ")" : "") + ":");
            int shown = 0;
            for (JsonNode failure : failures) {
                if (shown++ == FAILURES_SHOWN) {
                    break;
                }
                context.out().println("  " + failure.path("trackId").asText() + " " + failure.path("path").asText() + ": "
                        + failure.path("status").asText() + " " + failure.path("error").asText(""));
            }
        }
    }
}
