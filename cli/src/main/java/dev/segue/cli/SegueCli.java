package dev.segue.cli;

import java.io.Console;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code segue <command>}: drives a running Segue from a terminal. Service URLs come from
 * {@code SEGUE_LIBRARY_URL} … {@code SEGUE_PLAYLIST_URL} (default localhost:8081–8084), the API key
 * from {@code SEGUE_API_KEY}. Results go to standard output, progress and messages to standard error.
 */
public final class SegueCli {

    /** Every command, in the order help lists them. A new command is one class and one entry here. */
    static final List<Command> COMMANDS = List.of(
            new StatusCommand(),
            new ScanCommand(),
            new EnrichCommand(),
            new AnalyzeCommand(),
            new TracksCommand(),
            new PlaylistCommand(),
            new PathCommand(),
            new SimilarCommand(),
            new PushCommand(),
            new MixCommand());

    private final Context context;

    SegueCli(Context context) {
        this.context = context;
    }

    public static void main(String[] args) {
        Map<String, URI> services = new LinkedHashMap<>();
        for (int i = 0; i < StatusCommand.SERVICES.size(); i++) {
            String service = StatusCommand.SERVICES.get(i);
            services.put(service, url(SegueApi.variable(service), 8081 + i));
        }
        Context context = new Context(new SegueApi(services, System.getenv("SEGUE_API_KEY")), System.out, System.err, isTerminal(), 1000);
        System.exit(new SegueCli(context).run(args));
    }

    private static URI url(String variable, int port) {
        String value = System.getenv(variable);
        return URI.create(value != null && !value.isBlank() ? value : "http://localhost:" + port);
    }

    /** Standard error is where progress is drawn; redraw in place only on a real terminal. */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ returns a console even when redirected; isTerminal() tells
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException java21) {
            return true;
        }
    }

    static Optional<Command> command(String name) {
        return COMMANDS.stream().filter(c -> c.name().equals(name) || c.aliases().contains(name)).findFirst();
    }

    /** The action the next argument names ({@code mix create}), taken off the arguments; else the command itself. */
    private static Command action(Command command, Deque<String> arguments) {
        if (arguments.isEmpty()) {
            return command;
        }
        String name = command.name() + " " + arguments.peek();
        Optional<Command> action = command.subcommands().stream().filter(c -> c.name().equals(name)).findFirst();
        action.ifPresent(a -> arguments.pop());
        return action.orElse(command);
    }

    int run(String... args) {
        Deque<String> arguments = new ArrayDeque<>(List.of(args));
        PrintStream err = context.err();
        if (arguments.isEmpty()) {
            err.print(Help.overview(COMMANDS));
            return 2;
        }
        String name = arguments.pop();
        if (List.of("--help", "-h", "help").contains(name)) {
            Optional<Command> about = arguments.isEmpty() ? Optional.empty() : command(arguments.pop());
            context.out().print(about.map(c -> Help.of(action(c, arguments))).orElseGet(() -> Help.overview(COMMANDS)));
            return 0;
        }
        Optional<Command> command = command(name);
        if (command.isEmpty()) {
            err.println("segue has no command '" + name + "'; the commands are: "
                    + String.join(", ", COMMANDS.stream().map(Command::name).toList()) + " (segue --help).");
            return 2;
        }
        Command chosen = action(command.get(), arguments);
        try {
            Options options = Options.parse(chosen, arguments);
            if (options.help()) {
                context.out().print(Help.of(chosen));
                return 0;
            }
            return chosen.run(options, context);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (SegueApi.ApiException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
