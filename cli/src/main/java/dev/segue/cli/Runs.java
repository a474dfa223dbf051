package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** What every run view shares, read for people. */
final class Runs {

    private Runs() {
    }

    /** {@code "Scan 7 completed in 0:12"}. */
    static String headline(String noun, JsonNode run) {
        String title = Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
        return title + " " + run.path("id").asText() + " " + run.path("status").asText() + took(run);
    }

    private static String took(JsonNode run) {
        try {
            OffsetDateTime started = OffsetDateTime.parse(run.path("startedAt").asText());
            OffsetDateTime finished = OffsetDateTime.parse(run.path("finishedAt").asText());
            return " in " + Durations.clock(Duration.between(started, finished).toSeconds());
        } catch (DateTimeParseException notBoth) {
            return "";
        }
    }

    /** The run's own message, if it has one. */
    static void message(JsonNode run, Context context) {
        String message = run.path("message").asText("");
        if (!message.isBlank() && !"null".equals(message)) {
            context.out().println(message);
        }
    }
}
