package dev.segue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelpTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final SegueCli cli = new SegueCli(new Context(new SegueApi(Map.of("library", URI.create("http://localhost:1")), null),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, 1));

    /** Every command and every action of one ({@code mix create}). */
    private static List<Command> all() {
        List<Command> all = new ArrayList<>();
        for (Command command : SegueCli.COMMANDS) {
            all.add(command);
            all.addAll(command.subcommands());
        }
        return all;
    }

    @Test
    void everyCommandAnswersHelpWithItsOptionsAndExamples() {
        for (Command command : all()) {
            out.reset();
            List<String> line = new ArrayList<>(List.of(command.name().split(" ")));
            line.add("--help");
            assertThat(cli.run(line.toArray(String[]::new))).as(command.name()).isZero();
            String help = out.toString(StandardCharsets.UTF_8);
            assertThat(help).as(command.name()).startsWith("usage: segue " + command.name()).contains("examples:", "--help");
            command.options().forEach(o -> assertThat(help).as(command.name()).contains(o.synopsis()));
            out.reset();
            line.set(line.size() - 1, "help");
            java.util.Collections.rotate(line, 1);
            assertThat(cli.run(line.toArray(String[]::new))).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(help);
        }
    }

    @Test
    void helpAnywhereOnTheLineWins() {
        assertThat(cli.run("playlist", "--seed", "1", "-h")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--max-per-artist N", "--bpm-window BPM");
    }

    @Test
    void theOverviewListsEveryCommand() {
        assertThat(cli.run("--help")).isZero();
        SegueCli.COMMANDS.forEach(c -> assertThat(out.toString(StandardCharsets.UTF_8)).contains("  " + c.name() + " "));
    }

    /** An example that does not parse would teach the wrong thing. */
    @Test
    void everyExampleParses() {
        for (Command command : all()) {
            int named = command.name().split(" ").length;
            for (String example : command.examples()) {
                List<String> words = words(example);
                if (named == 1) {
                    assertThat(SegueCli.command(words.getFirst())).as(example).contains(command);
                } else {
                    assertThat(String.join(" ", words.subList(0, named))).as(example).isEqualTo(command.name());
                }
                Options options = Options.parse(command, new ArrayDeque<>(words.subList(named, words.size())));
                assertThat(options.help()).isFalse();
                for (Option option : command.options()) {
                    options.values(option.name()).forEach(option::convert);
                }
            }
        }
    }

    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}
