package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How far a run resource (scan, enrichment or analysis run) got, read from its JSON, and its one-line
 * bar. {@code detail} names what holds a run back: an enrichment source that is paused, unreachable,
 * disabled or failed, with its message.
 */
record Progress(String status, long done, long total, double ratePerSecond, Long etaSeconds, String detail) {

    private static final Set<String> FINISHED = Set.of("completed", "failed", "aborted", "cancelled");
    private static final Set<String> WORKING = Set.of("waiting", "running", "done");

    /** Every run answers {@code total}, {@code done}, {@code ratePerSecond} and {@code etaSeconds}; enrichment adds its sources. */
    static Progress of(JsonNode run) {
        String status = run.path("status").asText("unknown");
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> source : sources(run)) {
            JsonNode progress = source.getValue();
            String state = progress.path("state").asText("");
            if (!state.isEmpty() && !WORKING.contains(state)) {
                String message = progress.path("message").asText("");
                notes.add(source.getKey() + " " + state + (message.isEmpty() ? "" : ": " + message));
            }
        }
        JsonNode eta = run.path("etaSeconds");
        return new Progress(status, Math.max(0, run.path("done").asLong()), Math.max(0, run.path("total").asLong()),
                Math.max(0, run.path("ratePerSecond").asDouble()), eta.isNumber() ? eta.asLong() : null, String.join("; ", notes));
    }

    /** Enrichment runs report one progress entry per source, under {@code progress}. */
    static Iterable<Map.Entry<String, JsonNode>> sources(JsonNode run) {
        JsonNode sources = run.has("progress") ? run.path("progress") : run.path("sources");
        return sources.isObject() ? sources.properties() : List.of();
    }

    boolean finished() {
        return FINISHED.contains(status);
    }

    /** Same status and the same sources held back: nothing a person would want to read again. */
    boolean sameState(Progress other) {
        return status.equals(other.status) && detail.equals(other.detail);
    }

    /** {@code [#########...........]  45% 450/1000  12.5/s  ETA 0:44  running} */
    String bar(int width) {
        double fraction = total == 0 ? (finished() ? 1 : 0) : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * width);
        StringBuilder line = new StringBuilder("[")
                .append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ")
                .append(String.format(Locale.ROOT, "%3d%% %d/%d", Math.round(fraction * 100), done, total));
        if (ratePerSecond > 0) {
            line.append(String.format(Locale.ROOT, "  %.1f/s", ratePerSecond));
        }
        if (etaSeconds != null && !finished()) {
            line.append("  ETA ").append(Durations.clock(etaSeconds));
        }
        line.append("  ").append(status);
        if (!detail.isEmpty()) {
            line.append("  (").append(detail).append(')');
        }
        return line.toString();
    }
}
