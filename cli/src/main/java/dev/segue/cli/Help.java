package dev.segue.cli;

import java.util.List;
import java.util.stream.Collectors;

/** The help texts, generated from the commands' declarations so they cannot drift from what the parser accepts. */
final class Help {

    private Help() {
    }

    static String overview(List<Command> commands) {
        StringBuilder text = new StringBuilder("""
                usage: segue <command> [arguments] [options]      segue <command> --help shows its options and examples

                commands:
                """);
        int width = commands.stream().mapToInt(c -> c.name().length()).max().orElse(8) + 2;
        for (Command command : commands) {
            text.append("  ").append(pad(command.name(), width)).append(command.summary());
            if (!command.aliases().isEmpty()) {
                text.append(" (also: ").append(String.join(", ", command.aliases())).append(')');
            }
            text.append('\n');
        }
        text.append("""

                a first session:
                  segue scan && segue enrich && segue analyze
                  segue tracks night                   find a seed; its id or the words themselves
                  segue playlist --seed random --size 30 --m3u evening.m3u8

                environment: SEGUE_LIBRARY_URL, SEGUE_ENRICHMENT_URL, SEGUE_SONIC_URL, SEGUE_PLAYLIST_URL
                  (default http://localhost:8081 … 8084), SEGUE_API_KEY (when the services require one)
                exit status: 0 done; 1 a service refused, failed or is not reachable, or a run did not complete;
                  2 the command line needs a change (unknown option, bad value, a seed that names no or several tracks)
                """);
        return text.toString();
    }

    static String of(Command command) {
        StringBuilder text = new StringBuilder("usage: segue ").append(command.name());
        if (!command.synopsis().isEmpty()) {
            text.append(' ').append(command.synopsis());
        }
        String summary = command.summary();
        text.append("\n\n").append(Character.toUpperCase(summary.charAt(0))).append(summary.substring(1)).append(".\n");
        if (!command.description().isEmpty()) {
            text.append(command.description().strip()).append('\n');
        }
        if (!command.aliases().isEmpty()) {
            text.append("also: ").append(command.aliases().stream().map(a -> "segue " + a).collect(Collectors.joining(", "))).append('\n');
        }
        if (!command.subcommands().isEmpty()) {
            text.append("\nactions (segue ").append(command.name()).append(" ACTION --help for each one's options and examples):\n");
            int width = command.subcommands().stream().mapToInt(c -> c.name().length()).max().orElse(8) + 2;
            for (Command sub : command.subcommands()) {
                text.append("  ").append(pad(sub.name(), width)).append(sub.summary()).append('\n');
            }
        }
        text.append("\noptions:\n");
        int width = Math.max(8, command.options().stream().mapToInt(o -> o.synopsis().length()).max().orElse(0) + 2);
        for (Option option : command.options()) {
            text.append("  ").append(pad(option.synopsis(), width)).append(option.help()).append('\n');
        }
        text.append("  ").append(pad("--help", width)).append("this text\n");
        text.append("\nexamples:\n");
        for (String example : command.examples()) {
            text.append("  segue ").append(example).append('\n');
        }
        return text.toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + "  " : text + " ".repeat(width - text.length());
    }
}
