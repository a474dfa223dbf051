package dev.segue.library.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A PostgreSQL client program (pg_dump, or pg_restore next to it) and its major version. pg_dump refuses
 * servers of a newer major version, so the choice among installed ones depends on the server.
 */
public record PgDump(Path executable, int majorVersion, String versionLine) {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)");
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");

    /**
     * The pg_dump to use against a server of {@code serverMajor}: the configured one, else the first on the
     * PATH, else the newest under /usr/lib/postgresql/N/bin (Debian/Ubuntu), whichever is recent enough.
     *
     * @throws BackupException naming what was found and what to install or configure
     */
    public static PgDump locate(Optional<Path> configured, int serverMajor) {
        List<Path> candidates = configured.map(List::of).orElseGet(() -> candidates("pg_dump"));
        List<String> tooOld = new ArrayList<>();
        for (Path candidate : candidates) {
            if (!Files.isExecutable(candidate)) {
                continue;
            }
            PgDump found = identify(candidate);
            if (found.majorVersion() >= serverMajor) {
                return found;
            }
            tooOld.add(found.executable() + " (" + found.majorVersion() + ")");
        }
        String fix = "install the PostgreSQL client programs, version " + serverMajor + " or newer (Debian/Ubuntu: "
                + "apt-get install postgresql-client-" + serverMajor + "), set SEGUE_LIBRARY_MIGRATION_BACKUP_PG_DUMP to its "
                + "pg_dump, or set SEGUE_LIBRARY_MIGRATION_BACKUP_ENABLED=false to migrate without a backup after taking one yourself";
        if (configured.isPresent() && tooOld.isEmpty()) {
            throw new BackupException("The configured pg_dump " + configured.get() + " is not an executable file: " + fix + ".");
        }
        if (!tooOld.isEmpty()) {
            throw new BackupException("pg_dump is older than the PostgreSQL " + serverMajor + " server and cannot dump it: found "
                    + String.join(", ", tooOld) + "; " + fix + ".");
        }
        throw new BackupException("pg_dump was not found on the PATH nor under " + DEBIAN_VERSIONS + "/N/bin: " + fix + ".");
    }

    /** pg_restore of the same installation, the program that reads this pg_dump's custom-format files. */
    public Path pgRestore() {
        return executable.resolveSibling("pg_restore");
    }

    /**
     * Dumps a whole database (schema, data and Flyway's schema history) in pg_dump's custom format to
     * {@code file}. The password travels in the child's environment, never on its command line.
     */
    public void dump(Map<String, String> libpqEnvironment, Path file, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "--format=custom", "--no-password",
                "--file=" + file).redirectErrorStream(true);
        builder.environment().putAll(libpqEnvironment);
        String output = run(builder, timeout);
        if (output != null) {
            throw new BackupException("pg_dump failed: " + output.strip());
        }
    }

    /** Runs a program to its end; returns null on exit code 0, else its output. */
    private static String run(ProcessBuilder builder, Duration timeout) {
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BackupException("Could not start " + builder.command().getFirst() + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new BackupException(builder.command().getFirst() + " did not finish within " + timeout
                        + " (SEGUE_LIBRARY_MIGRATION_BACKUP_TIMEOUT)");
            }
            String text = output.get(10, TimeUnit.SECONDS);
            return process.exitValue() == 0 ? null : "exit code " + process.exitValue() + ": " + text;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BackupException("Interrupted while " + builder.command().getFirst() + " ran", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BackupException("Could not read the output of " + builder.command().getFirst(), e);
        }
    }

    private static PgDump identify(Path executable) {
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BackupException("Could not run " + executable + " --version: " + e.getMessage(), e);
        }
        String line = readAll(process.getInputStream()).strip();
        Matcher m = VERSION.matcher(line);
        if (!m.find()) {
            throw new BackupException(executable + " --version answered '" + line + "', not a PostgreSQL version");
        }
        return new PgDump(executable, Integer.parseInt(m.group(1)), line);
    }

    private static List<Path> candidates(String program) {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, program));
                }
            }
        }
        if (Files.isDirectory(DEBIAN_VERSIONS)) {
            try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
                versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path v) -> Integer.parseInt(v.getFileName().toString())).reversed())
                        .forEach(v -> candidates.add(v.resolve("bin").resolve(program)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates;
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
