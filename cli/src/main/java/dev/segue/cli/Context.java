package dev.segue.cli;

import java.io.PrintStream;

/**
 * What a command works with: the services, where to print results ({@code out}) and messages
 * ({@code err}), whether {@code out} is a terminal (progress redrawn in place) and how often to poll runs.
 */
record Context(SegueApi api, PrintStream out, PrintStream err, boolean terminal, long pollMillis) {
}
