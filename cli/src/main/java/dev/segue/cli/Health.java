package dev.segue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a MicroProfile Health answer ({@code {"status":…,"checks":[{"name","status","data"}]}}) for people. */
final class Health {

    private Health() {
    }

    /** {@code ": database DOWN {…}; sources DOWN {…}"}, or empty when every check is up. */
    static String downChecks(JsonNode health) {
        StringBuilder down = new StringBuilder();
        for (JsonNode check : health.path("checks")) {
            if (!"UP".equals(check.path("status").asText())) {
                down.append(down.isEmpty() ? ": " : "; ").append(check.path("name").asText())
                        .append(check.has("data") ? " " + check.get("data") : "");
            }
        }
        return down.toString();
    }

    /**
     * What a person should know beyond UP/DOWN: each check that is down with its data, and every
     * data value of an up check that says something is unusable ({@code disabled: …}, {@code unreachable: …}).
     */
    static List<String> notes(JsonNode health) {
        List<String> notes = new ArrayList<>();
        for (JsonNode check : health.path("checks")) {
            boolean up = "UP".equals(check.path("status").asText());
            if (!up) {
                notes.add(check.path("name").asText() + " DOWN" + (check.has("data") ? " " + check.get("data") : ""));
                continue;
            }
            for (Map.Entry<String, JsonNode> data : check.path("data").properties()) {
                String value = data.getValue().asText();
                if (value.startsWith("disabled") || value.startsWith("unreachable")) {
                    notes.add(data.getKey() + " " + value);
                }
            }
        }
        return notes;
    }
}
