package dev.segue.cli;

import java.util.List;

/**
 * One {@code segue} sub-command. To add a command: implement this interface (its help is generated
 * from {@link #options()}, {@link #synopsis()} and {@link #examples()}) and list it in
 * {@link SegueCli#COMMANDS}. Throw {@link UsageException} for what the user must change (exit 2);
 * {@link SegueApi.ApiException} for what a service refused or could not do (exit 1).
 */
interface Command {

    String name();

    /** Other names the command answers to ({@code search} for {@code tracks}). */
    default List<String> aliases() {
        return List.of();
    }

    /** One line for the command list. */
    String summary();

    /** What follows {@code segue <name>} in the usage line: positionals and the main options. */
    String synopsis();

    /** More about what the command does, shown under the usage line; may be empty. */
    default String description() {
        return "";
    }

    List<Option> options();

    /**
     * The actions of a command that has several ({@code mix create}, {@code mix list}, …), each a command of its
     * own named {@code "<command> <action>"}, with its options, help and examples; empty for a plain command.
     */
    default List<Command> subcommands() {
        return List.of();
    }

    /** Complete command lines a user can copy, without the leading {@code segue}. */
    List<String> examples();

    /** @return the exit status: 0 done, 1 a service or run failed */
    int run(Options options, Context context) throws InterruptedException;
}
