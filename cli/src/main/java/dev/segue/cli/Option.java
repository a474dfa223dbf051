package dev.segue.cli;

import java.util.List;
import java.util.Locale;

/**
 * One option a command accepts: {@code --name VALUE} or a switch, what it means, and how its text
 * becomes a JSON value when it maps to a request field.
 *
 * @param value   the placeholder shown in help ({@code N}, {@code FILE}); null for a switch
 * @param choices the allowed values, empty for any
 */
record Option(String name, String value, Kind kind, boolean repeatable, List<String> choices, String help) {

    /** How the option's text is read; a {@code TRACK} is resolved to an id through the library ({@link Tracks#resolve}). */
    enum Kind { SWITCH, TEXT, WHOLE, NUMBER, TRACK }

    static Option flag(String name, String help) {
        return new Option(name, null, Kind.SWITCH, false, List.of(), help);
    }

    static Option text(String name, String value, String help) {
        return new Option(name, value, Kind.TEXT, false, List.of(), help);
    }

    static Option whole(String name, String value, String help) {
        return new Option(name, value, Kind.WHOLE, false, List.of(), help);
    }

    static Option number(String name, String value, String help) {
        return new Option(name, value, Kind.NUMBER, false, List.of(), help);
    }

    static Option track(String name, String help) {
        return new Option(name, "ID|TEXT", Kind.TRACK, false, List.of(), help);
    }

    static Option choice(String name, List<String> choices, String help) {
        return new Option(name, String.join("|", choices), Kind.TEXT, false, choices, help);
    }

    Option repeated() {
        return new Option(name, value, kind, true, choices, help);
    }

    boolean isSwitch() {
        return kind == Kind.SWITCH;
    }

    /** {@code --size N}, as help shows it. */
    String synopsis() {
        return "--" + name + (value == null ? "" : " " + value);
    }

    /** The option's text as the JSON value a request field takes; a usage error names the option and what it needs. */
    Object convert(String text) {
        String trimmed = text.trim();
        if (!choices.isEmpty() && !choices.contains(trimmed.toLowerCase(Locale.ROOT))) {
            throw new UsageException("--" + name + " is one of " + String.join(", ", choices) + ", not '" + text + "'.");
        }
        try {
            return switch (kind) {
                case SWITCH -> Boolean.TRUE;
                case TEXT -> choices.isEmpty() ? text : trimmed.toLowerCase(Locale.ROOT);
                case TRACK -> text;
                case WHOLE -> Long.valueOf(trimmed);
                case NUMBER -> Double.valueOf(trimmed);
            };
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs " + (kind == Kind.WHOLE ? "a whole number" : "a number")
                    + ", not '" + text + "'.");
        }
    }
}
