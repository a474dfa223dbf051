package dev.segue.cli;

import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's parsed arguments: the declared options it was given ({@code --name value},
 * {@code --name=value}, switches) and its positional arguments, in order. {@code --} ends the options.
 */
record Options(String command, Map<String, List<String>> values, List<String> positionals, boolean help) {

    static Options parse(Command command, Deque<String> arguments) {
        Map<String, Option> declared = new LinkedHashMap<>();
        command.options().forEach(o -> declared.put(o.name(), o));
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean help = false;
        boolean optionsEnded = false;
        while (!arguments.isEmpty()) {
            String argument = arguments.pop();
            if (optionsEnded || !argument.startsWith("-") || argument.equals("-") || isNumber(argument)) {
                positionals.add(argument);
                continue;
            }
            if (argument.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (argument.equals("--help") || argument.equals("-h")) {
                help = true;
                continue;
            }
            String name = argument.replaceFirst("^--?", "");
            String inline = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                inline = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            Option option = declared.get(name);
            if (option == null) {
                throw new UsageException("segue " + command.name() + " has no option --" + name + "; see segue " + command.name() + " --help.");
            }
            String value;
            if (option.isSwitch()) {
                if (inline != null) {
                    throw new UsageException("--" + name + " is a switch; it takes no value.");
                }
                value = "true";
            } else if (inline != null) {
                value = inline;
            } else if (arguments.isEmpty() || (arguments.peek().startsWith("--") && arguments.peek().length() > 2)) {
                throw new UsageException("--" + name + " needs a value: " + option.synopsis() + ".");
            } else {
                value = arguments.pop();
            }
            List<String> given = values.computeIfAbsent(name, k -> new ArrayList<>());
            if (!option.repeatable()) {
                given.clear();
            }
            given.add(value);
        }
        return new Options(command.name(), values, positionals, help);
    }

    private static boolean isNumber(String argument) {
        return argument.matches("-\\d+(\\.\\d+)?");
    }

    /** These options with {@code more} values added to {@code name} (before those given as options), and no positionals. */
    Options with(String name, List<String> more) {
        Map<String, List<String>> merged = new LinkedHashMap<>(values);
        List<String> combined = new ArrayList<>(more);
        combined.addAll(values(name));
        merged.put(name, combined);
        return new Options(command, merged, List.of(), help);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String value(String name) {
        List<String> given = values.get(name);
        return given == null ? null : given.getLast();
    }

    String value(String name, String fallback) {
        return has(name) ? value(name) : fallback;
    }

    /** The option's value as a whole number, or {@code fallback} when it was not given. */
    long whole(Option option, long fallback) {
        return has(option.name()) ? (Long) option.convert(value(option.name())) : fallback;
    }

    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }
}
