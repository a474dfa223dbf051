package dev.segue.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The packaged stack an IT runs against: a work directory, a music folder the IT fills, MusicBrainz and
 * Last.fm stubbed or not, and {@link LocalStack} with its log in {@code target/}. Started lazily the first
 * time a configuration is asked for and kept for the rest of the JVM (the failsafe run), so every class
 * of one configuration shares one start; a shutdown hook stops it. One stack runs at a time: asking for
 * another configuration stops the current one first (three stacks of four JVMs side by side would not fit
 * a small CI machine). The music folder is written while the services start, which costs nothing extra:
 * the services read it only when a scan starts.
 */
final class E2eStack {

    /** Fills the music folder before the first scan; the stub is null when the configuration has none. */
    @FunctionalInterface
    interface Library {
        void write(Path music, ExternalApisStub apis) throws Exception;
    }

    /**
     * @param name     identifies the configuration: classes asking for one name share one stack
     * @param env      environment of every service, on top of the stack's own
     * @param stubbed  true: MusicBrainz and Last.fm point at an {@link ExternalApisStub} the library callback can fill
     * @param library  writes the music folder
     */
    record Spec(String name, Map<String, String> env, boolean stubbed, Library library) {
    }

    private static E2eStack current;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(E2eStack::stopCurrent, "e2e-stack-stop"));
    }

    private final Spec spec;
    private final Path work;
    private final Path music;
    private final Path log;
    private ExternalApisStub apis;
    private LocalStack stack;

    private E2eStack(Spec spec) throws IOException {
        this.spec = spec;
        this.work = Files.createTempDirectory("segue-" + spec.name());
        this.music = Files.createDirectories(work.resolve("music"));
        this.log = Files.createDirectories(Path.of("target")).resolve(spec.name() + "-stack.log");
    }

    /** The running stack of this configuration, started now if it is not the one running. */
    static synchronized E2eStack shared(Spec spec) throws Exception {
        if (current != null && current.spec.name().equals(spec.name())) {
            return current;
        }
        stopCurrent();
        E2eStack started = new E2eStack(spec);
        try {
            started.start();
        } catch (Exception | Error e) {
            started.close();
            throw e;
        }
        current = started;
        return started;
    }

    private static synchronized void stopCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private void start() throws Exception {
        Map<String, String> env = new HashMap<>(spec.env());
        if (spec.stubbed()) {
            apis = new ExternalApisStub();
            env.put("QUARKUS_REST_CLIENT_MUSICBRAINZ_URL", apis.baseUrl());
            env.put("QUARKUS_REST_CLIENT_LASTFM_URL", apis.baseUrl());
        }
        CompletableFuture<Void> library = CompletableFuture.runAsync(() -> {
            try {
                spec.library().write(music, apis);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try {
            stack = LocalStack.start(new LocalStack.Options(
                    Path.of(System.getProperty("segue.home", "..")).toAbsolutePath().normalize(),
                    work.resolve("pgdata"), List.of(music), FreePorts.one(), FreePorts.blockOfFour(), env,
                    new PrintStream(Files.newOutputStream(log), true)));
        } finally {
            try {
                library.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    LocalStack stack() {
        return stack;
    }

    ServiceProcess service(String name) {
        return stack.service(name);
    }

    URI baseUri(String service) {
        return stack.service(service).baseUri();
    }

    /** The stub of MusicBrainz and Last.fm; only for a configuration with {@code stubbed}. */
    ExternalApisStub apis() {
        if (apis == null) {
            throw new IllegalStateException(spec.name() + " has no stubbed external APIs");
        }
        return apis;
    }

    /** A scratch directory of the stack's, removed with it. */
    Path work() {
        return work;
    }

    Path music() {
        return music;
    }

    /** The services' log ({@code target/NAME-stack.log}). */
    Path log() {
        return log;
    }

    private void close() {
        if (stack != null) {
            stack.close();
        }
        if (apis != null) {
            apis.close();
        }
        try (var files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + work + ": " + e.getMessage());
        }
    }
}
