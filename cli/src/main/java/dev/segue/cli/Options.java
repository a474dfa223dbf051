package dev.segue.cli;

import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} options (repeatable), {@code --flag} switches and at most one positional argument. */
record Options(Map<String, List<String>> values, Optional<String> positional) {

    private static final Set<String> SWITCHES = Set.of("force", "no-wait");

    static Options parse(Deque<String> arguments) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        String positional = null;
        while (!arguments.isEmpty()) {
            String argument = arguments.pop();
            if (argument.startsWith("--")) {
                String name = argument.substring(2);
                if (SWITCHES.contains(name)) {
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                } else if (arguments.isEmpty()) {
                    throw new IllegalArgumentException("Option " + argument + " needs a value.");
                } else {
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add(arguments.pop());
                }
            } else if (positional == null) {
                positional = argument;
            } else {
                throw new IllegalArgumentException("Unexpected argument '" + argument + "'.");
            }
        }
        return new Options(values, Optional.ofNullable(positional));
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String value(String name) {
        return values.get(name).get(values.get(name).size() - 1);
    }

    String value(String name, String fallback) {
        return has(name) ? value(name) : fallback;
    }

    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }
}
