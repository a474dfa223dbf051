package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Polls a run until it ends, drawing its progress: redrawn in place on a terminal, else one line
 * whenever something changed (at most every few seconds, so a log stays short). A service answering
 * 503 (its database is away; the run pauses and resumes by itself) is waited out.
 */
final class RunFollower {

    /** Without a terminal, a line at most every five polls unless the state changes. */
    private static final int QUIET_POLLS = 5;

    private final Context context;
    private final String service;

    RunFollower(Context context, String service) {
        this.context = context;
        this.service = service;
    }

    /** @return the run as it ended */
    JsonNode follow(String location, JsonNode first) throws InterruptedException {
        JsonNode run = first;
        Progress shown = null;
        long shownAt = 0;
        while (true) {
            Progress progress = Progress.of(run);
            if (context.terminal()) {
                context.err().print("\r" + progress.bar(30) + "\u001b[K");
                context.err().flush();
            } else if (shown == null || progress.finished() || !progress.sameState(shown)
                    || (progress.done() != shown.done() && System.currentTimeMillis() - shownAt >= QUIET_POLLS * context.pollMillis())) {
                context.err().println(progress.bar(30));
                shown = progress;
                shownAt = System.currentTimeMillis();
            }
            if (progress.finished()) {
                break;
            }
            Thread.sleep(context.pollMillis());
            run = throughOutage(location);
        }
        if (context.terminal()) {
            context.err().println();
        }
        return run;
    }

    private JsonNode throughOutage(String location) throws InterruptedException {
        boolean told = false;
        while (true) {
            try {
                return context.api().follow(service, location);
            } catch (SegueApi.ApiException e) {
                if (e.status != 503) {
                    throw e;
                }
                if (!told) {
                    context.err().println((context.terminal() ? System.lineSeparator() : "") + "Waiting: " + e.getMessage());
                    told = true;
                }
                Thread.sleep(Math.max(context.pollMillis(), 1000));
            }
        }
    }
}
