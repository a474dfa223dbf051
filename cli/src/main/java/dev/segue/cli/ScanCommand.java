package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code segue scan}: reads the library's files and tags; reports what it could not read and what it skipped. */
final class ScanCommand extends RunCommand {

    private static final int ERRORS_SHOWN = 10;

    @Override
    public String name() {
        return "scan";
    }

    @Override
    public String summary() {
        return "scan the library (or one folder of it) for new, changed, moved and missing files";
    }

    @Override
    public String synopsis() {
        return "[--root DIR] [--no-wait]";
    }

    @Override
    public String description() {
        return """
                Reads every configured library root (or only DIR, which must lie inside one) and follows the
                scan to its end. A scan already going is followed instead of refused. Afterwards it lists the
                files it could not read and the files it skipped, by extension and reason. A finished scan
                starts enrichment and analysis of what it found by itself.""";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.text("root", "DIR", "scan only this folder (as the service sees it, e.g. /music/Jazz under docker)"),
                Option.flag("no-wait", "start the scan and print its URL instead of following it"));
    }

    @Override
    public List<String> examples() {
        return List.of("scan", "scan --root /music/Jazz", "scan --no-wait");
    }

    @Override
    String service() {
        return "library";
    }

    @Override
    String runsPath() {
        return "/api/scans";
    }

    @Override
    String noun() {
        return "scan";
    }

    @Override
    Map<String, Object> body(Options options) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (options.has("root")) {
            body.put("root", options.value("root"));
        }
        return body;
    }

    @Override
    void summarise(JsonNode run, Context context) {
        context.out().printf("%s: %d files — %d new, %d updated, %d unchanged, %d moved, %d missing, %d could not be read.%n",
                Runs.headline(noun(), run), run.path("done").asLong(), run.path("newTracks").asLong(),
                run.path("updated").asLong(), run.path("unchanged").asLong(), run.path("moved").asLong(),
                run.path("missing").asLong(), run.path("failed").asLong());
        Runs.message(run, context);
        if (run.path("failed").asLong() > 0) {
            errors(run, context);
        }
        skipped(run, context);
    }

    private void errors(JsonNode run, Context context) {
        long id = run.path("id").asLong();
        JsonNode page = context.api().get(service(), runsPath() + "/" + id + "/errors?size=" + ERRORS_SHOWN);
        long total = page.path("total").asLong(run.path("failed").asLong());
        context.out().println("Could not read" + (total > ERRORS_SHOWN ? " (first " + ERRORS_SHOWN + " of " + total + ")" : "") + ":");
        for (JsonNode error : page.path("items")) {
            context.out().println("  " + error.path("path").asText() + ": " + error.path("reason").asText());
        }
        if (total > ERRORS_SHOWN) {
            context.out().println("  all of them: " + context.api().base(service()).resolve(runsPath() + "/" + id + "/errors?size=500"));
        }
    }

    /** {@code "skipped"}: [{extension, count, reason}] sorted by count, {@code "skippedTotal"}: files that are not music Segue reads. */
    private static void skipped(JsonNode run, Context context) {
        if (!run.path("skipped").isArray() || run.path("skipped").isEmpty()) {
            return;
        }
        long total = run.path("skippedTotal").asLong(0);
        context.out().println("Skipped " + (total > 0 ? total + " " : "") + "files Segue does not read:");
        for (JsonNode kind : run.path("skipped")) {
            String extension = kind.path("extension").asText("");
            context.out().println("  " + (extension.isEmpty() ? "(no extension)" : extension.startsWith(".") ? extension : "." + extension) + " ×" + kind.path("count").asLong()
                    + (kind.path("reason").asText("").isEmpty() ? "" : ": " + kind.path("reason").asText()));
        }
    }
}
