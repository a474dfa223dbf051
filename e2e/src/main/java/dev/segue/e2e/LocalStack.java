package dev.segue.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Segue without Docker: an embedded PostgreSQL whose data directory persists between runs, and the
 * four packaged services as child processes. Used by {@code bin/segue-local} and by the e2e tests.
 */
public final class LocalStack implements AutoCloseable {

    public static final List<String> SERVICES = List.of("library-service", "enrichment-service", "sonic-service", "playlist-service");
    private static final String[] COLOURS = {"\u001b[36m", "\u001b[35m", "\u001b[33m", "\u001b[32m"};

    /**
     * @param home        the repository root (where {@code <service>/target/quarkus-app} lives)
     * @param dataDir     PostgreSQL data directory; kept between runs
     * @param musicRoots  library roots handed to library-service
     * @param pgPort      PostgreSQL port
     * @param firstPort   library-service's port; the others follow (+1, +2, +3)
     * @param extraEnv    environment for every service on top of the stack's own (e.g. API URLs of stubs)
     */
    public record Options(Path home, Path dataDir, List<Path> musicRoots, int pgPort, int firstPort,
                          Map<String, String> extraEnv, PrintStream log) {
    }

    private final Options options;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private EmbeddedPostgres postgres;

    private LocalStack(Options options) {
        this.options = options;
    }

    /** Starts PostgreSQL and the four services and waits until each is ready. */
    public static LocalStack start(Options options) throws IOException, InterruptedException {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startPostgres();
            stack.startServices();
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /**
     * Starts PostgreSQL on the stack's port and data directory, creating the segue database the first
     * time; after {@link #stopPostgres()} it comes back with everything it held.
     */
    public synchronized void startPostgres() throws IOException {
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL is already running on port " + options.pgPort());
        }
        Files.createDirectories(options.dataDir());
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(options.dataDir())
                .setCleanDataDirectory(false)
                .setPort(options.pgPort())
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "postgres");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'segue'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE segue");
                }
            }
        } catch (SQLException e) {
            throw new IOException("Could not prepare the segue database on the embedded PostgreSQL", e);
        }
        options.log().println("postgres          | embedded PostgreSQL on port " + options.pgPort() + ", data in " + options.dataDir());
    }

    /**
     * Stops PostgreSQL (a fast shutdown: open connections are cut) and leaves the services running, as
     * a database restart or a crash of its host would; {@link #startPostgres()} brings it back.
     */
    public synchronized void stopPostgres() throws IOException {
        if (postgres == null) {
            return;
        }
        EmbeddedPostgres stopping = postgres;
        postgres = null;
        stopping.close();
        options.log().println("postgres          | stopped");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + options.pgPort() + "/" + database;
    }

    private void startServices() throws IOException, InterruptedException {
        for (int i = 0; i < SERVICES.size(); i++) {
            String name = SERVICES.get(i);
            Path jar = options.home().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
            services.put(name, new ServiceProcess(name, jar, options.firstPort() + i, environment(), options.log(), COLOURS[i]));
        }
        // library-service first: it alone backs up a database that holds data before migrating it, so it
        // must be the one that migrates; the others find the schema current
        ServiceProcess library = services.get(SERVICES.getFirst());
        library.start();
        library.awaitReady(Duration.ofMinutes(30));
        options.log().println(library.name() + " ready on " + library.baseUri());
        List<ServiceProcess> others = services.values().stream().filter(s -> s != library).toList();
        for (ServiceProcess service : others) {
            service.start();
        }
        for (ServiceProcess service : others) {
            service.awaitReady(Duration.ofMinutes(3));
            options.log().println(service.name() + " ready on " + service.baseUri());
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl("segue"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        // as in docker-compose.yml: Agroal's 5 s is too short for the first connection of four JVMs starting
        // together on a busy machine (DocsIT's enrichment-service failed its Flyway connection at load 30)
        env.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S");
        env.put("SEGUE_LIBRARY_ROOTS", String.join(",", options.musicRoots().stream().map(Path::toString).toList()));
        env.put("QUARKUS_REST_CLIENT_LIBRARY_SERVICE_URL", "http://localhost:" + options.firstPort());
        env.put("QUARKUS_REST_CLIENT_ENRICHMENT_SERVICE_URL", "http://localhost:" + (options.firstPort() + 1));
        env.put("QUARKUS_REST_CLIENT_SONIC_SERVICE_URL", "http://localhost:" + (options.firstPort() + 2));
        env.putAll(options.extraEnv());
        return env;
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("No service " + name + "; known: " + services.keySet());
        }
        return service;
    }

    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(services.values());
        java.util.Collections.reverse(reversed);
        for (ServiceProcess service : reversed) {
            try {
                service.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (postgres != null) {
            try {
                stopPostgres();
            } catch (IOException e) {
                options.log().println("postgres          | did not stop cleanly: " + e.getMessage());
            }
        }
    }

    /**
     * {@code bin/segue-local}: runs until Ctrl-C, then stops the services and PostgreSQL cleanly.
     * Options: {@code --music DIR} (repeatable), {@code --data DIR}, {@code --pg-port N}, {@code --port N}.
     */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("segue.home", ".")).toAbsolutePath().normalize();
        Path data = home.resolve(".segue/postgres");
        List<Path> music = new ArrayList<>();
        int pgPort = 54329;
        int firstPort = 8081;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--music" -> music.add(Path.of(require(args[i], value)).toAbsolutePath());
                case "--data" -> data = Path.of(require(args[i], value)).toAbsolutePath();
                case "--pg-port" -> pgPort = Integer.parseInt(require(args[i], value));
                case "--port" -> firstPort = Integer.parseInt(require(args[i], value));
                default -> {
                    System.err.println("Unknown option " + args[i] + ". Options: --music DIR (repeatable) --data DIR --pg-port N --port N");
                    System.exit(2);
                }
            }
            i++;
        }
        if (music.isEmpty()) {
            String env = System.getenv("MUSIC_DIR");
            music.add(Path.of(env != null && !env.isBlank() ? env : System.getProperty("user.home") + "/Music").toAbsolutePath());
        }
        Map<String, String> extra = new HashMap<>();
        System.getenv().forEach((key, val) -> {
            if (key.startsWith("SEGUE_") || key.startsWith("QUARKUS_")) {
                extra.put(key, val);
            }
        });
        LocalStack stack = start(new Options(home, data, music, pgPort, firstPort, extra, System.out));
        Thread shutdown = new Thread(() -> {
            System.out.println("Stopping Segue…");
            stack.close();
            System.out.println("Stopped. Data kept in " + stack.options.dataDir());
        });
        Runtime.getRuntime().addShutdownHook(shutdown);
        System.out.println("Segue is running: library http://localhost:" + firstPort + ", enrichment :" + (firstPort + 1)
                + ", sonic :" + (firstPort + 2) + ", playlist :" + (firstPort + 3) + ". Ctrl-C stops it.");
        Thread.currentThread().join();
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
