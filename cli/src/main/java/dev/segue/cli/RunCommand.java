package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * A command that starts a run (scan, enrichment, analysis) and follows it to its end with a progress
 * bar. When a run is already going (409: the scan's notification started enrichment and analysis, or
 * the scheduler did), it attaches to that run and follows it instead, and says so.
 */
abstract class RunCommand implements Command {

    /** A 409 whose run has ended by the time we look is asked again, this many times at most. */
    private static final int START_ATTEMPTS = 3;

    /** The service key ({@code library}) and the runs collection ({@code /api/scans}). */
    abstract String service();

    abstract String runsPath();

    /** {@code scan}, {@code enrichment run}: how messages name a run. */
    abstract String noun();

    abstract Map<String, Object> body(Options options);

    /** What the finished run did, for a person; the progress bar has already shown the counts. */
    abstract void summarise(JsonNode run, Context context);

    /** Exit status of a finished run: 0 only when it completed. */
    int exitStatus(JsonNode run) {
        return "completed".equals(run.path("status").asText()) ? 0 : 1;
    }

    @Override
    public int run(Options options, Context context) throws InterruptedException {
        return run(options, context, 1);
    }

    private int run(Options options, Context context, int attempt) throws InterruptedException {
        Optional<String> positional = options.positionals().stream().findFirst();
        if (positional.isPresent()) {
            throw new UsageException("segue " + name() + " takes no argument '" + positional.get() + "'; see segue " + name() + " --help.");
        }
        SegueApi api = context.api();
        String location;
        JsonNode run;
        try {
            SegueApi.Answer started = api.post(service(), runsPath(), body(options));
            run = started.body();
            location = started.location() != null ? started.location() : runsPath() + "/" + run.path("id").asLong();
            context.err().println("Started " + noun() + " " + run.path("id").asText() + ".");
        } catch (SegueApi.ApiException e) {
            if (e.status != 409) {
                throw e;
            }
            Optional<JsonNode> active = activeRun(api, e.activeRunId);
            if (active.isEmpty()) {
                if (attempt == START_ATTEMPTS) {
                    throw new SegueApi.ApiException(e.status, e.getMessage() + " (yet no " + noun() + " is going at "
                            + api.base(service()).resolve(runsPath()) + " when asked)");
                }
                // it ended between our request and our look: start ours now
                return run(options, context, attempt + 1);
            }
            run = active.get();
            location = runsPath() + "/" + run.path("id").asLong();
            context.err().println("A " + noun() + " is already going" + startedBy(run) + ": attached to " + noun() + " "
                    + run.path("id").asText() + ", following it to its end (Ctrl-C stops following, not the run).");
        }
        if (options.has("no-wait")) {
            context.out().println(api.base(service()).resolve(location));
            return 0;
        }
        JsonNode finished = new RunFollower(context, service()).follow(location, run);
        summarise(finished, context);
        return exitStatus(finished);
    }

    /** The run a 409 named, while it is still going. */
    private Optional<JsonNode> activeRun(SegueApi api, Long id) {
        if (id == null) {
            return Optional.empty();
        }
        return api.find(service(), runsPath() + "/" + id).filter(run -> !Progress.of(run).finished());
    }

    private static String startedBy(JsonNode run) {
        String trigger = run.path("trigger").asText("");
        return switch (trigger) {
            case "" -> "";
            case "api" -> " (started through the API)";
            default -> " (started by " + trigger + ")";
        };
    }
}
