package dev.segue.e2e;

import static dev.segue.e2e.Polling.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PostgreSQL stopped and started again under the running services, in the middle of a scan, of an
 * analysis run and of an enrichment run: readiness goes DOWN and comes back UP, no service exits or
 * floods its log, each run pauses and finishes by itself once the database is back, and afterwards
 * every file has exactly one track, every track exactly one current analysis, and no external call
 * was made twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseRestartIT {

    private static final Set<String> FINISHED = Set.of("completed", "failed", "aborted", "cancelled");
    /** Long enough for every service's readiness to notice, as short as a database restart can be. */
    private static final Duration OUTAGE = Duration.ofSeconds(5);
    /** Log entries one service may write during one outage: a few, not one per row, request or retry. */
    private static final int LOG_ENTRIES_PER_OUTAGE = 12;
    /** Folders of four one-second MP3s each: enough that the scan is still writing when the database stops. */
    private static final int BULK_FOLDERS = 1000;
    private static final List<String> ENRICHED_ARTISTS = List.of("Slow Tide", "Glass Harbour");
    private static final java.util.regex.Pattern LOG_ENTRY = java.util.regex.Pattern.compile("^([a-z-]+)\\s*\\| \\d{4}-\\d\\d-\\d\\d .*");

    private Path work;
    private Path music;
    private ExternalApisStub externalApis;
    private LocalStack stack;
    private final Map<String, AtomicLong> logEntries = new ConcurrentHashMap<>();

    @BeforeAll
    void startStack() throws Exception {
        assumeThat(FixtureLibrary.ffmpegAvailable()).as("ffmpeg encodes the fixture library").isTrue();
        work = Files.createTempDirectory("segue-faults");
        music = Files.createDirectories(work.resolve("music"));
        externalApis = new ExternalApisStub();
        for (String artist : ENRICHED_ARTISTS) {
            externalApis.artist(artist, "post-rock", List.of(artist + " LP"));
        }
        String nowhere = "http://localhost:" + FreePorts.one();
        Map<String, String> env = Map.ofEntries(
                // no run starts by itself: each test starts the run it breaks
                Map.entry("QUARKUS_REST_CLIENT_SONIC_SERVICE_URL", nowhere),
                Map.entry("QUARKUS_REST_CLIENT_ENRICHMENT_SERVICE_URL", nowhere),
                Map.entry("SEGUE_ENRICHMENT_REFRESH_EVERY", "off"),
                Map.entry("SEGUE_SONIC_AUTO_RUN", "false"),
                Map.entry("QUARKUS_REST_CLIENT_MUSICBRAINZ_URL", externalApis.baseUrl()),
                Map.entry("QUARKUS_REST_CLIENT_LASTFM_URL", externalApis.baseUrl()),
                Map.entry("SEGUE_ENRICHMENT_LASTFM_API_KEY", "e2e-test-key"),
                Map.entry("SEGUE_SONIC_WORKERS", "1"),
                Map.entry("SEGUE_SONIC_CLAIM_BATCH", "2"),
                // a claim committed while the restart cut its answer off is no thread's: it must run out within the wait
                Map.entry("SEGUE_SONIC_LEASE", "15s"),
                Map.entry("SEGUE_SONIC_POLL_INTERVAL", "2s"),
                // one reader and small batches keep the scan going long enough to be interrupted
                Map.entry("SEGUE_LIBRARY_SCAN_READER_THREADS", "1"),
                Map.entry("SEGUE_LIBRARY_SCAN_BATCH_SIZE", "100"),
                Map.entry("SEGUE_LIBRARY_SCAN_CRON", "off"));
        OutputStream file = Files.newOutputStream(Files.createDirectories(Path.of("target")).resolve("e2e-faults-stack.log"));
        PrintStream log = new PrintStream(file, true) {
            @Override
            public void println(String line) {
                java.util.regex.Matcher entry = LOG_ENTRY.matcher(line.replaceAll("\u001b\\[[0-9;]*m", ""));
                if (entry.matches()) {
                    logEntries.computeIfAbsent(entry.group(1), k -> new AtomicLong()).incrementAndGet();
                }
                super.println(line);
            }
        };
        stack = LocalStack.start(new LocalStack.Options(
                Path.of(System.getProperty("segue.home", "..")).toAbsolutePath().normalize(),
                work.resolve("pgdata"), List.of(music), FreePorts.one(), FreePorts.blockOfFour(), env, log));
    }

    @AfterAll
    void stopStack() throws IOException {
        if (stack != null) {
            stack.close();
        }
        if (externalApis != null) {
            externalApis.close();
        }
        if (work != null) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void scanInterruptedByDatabaseRestartLeavesExactlyOneTrackPerFile() throws Exception {
        Path folder = Files.createDirectories(music.resolve("bulk"));
        List<Path> seeds = FixtureLibrary.write(work.resolve("seed"), List.of(
                new FixtureLibrary.Album("Bulk Band", "Many Copies", "Pop", "mp3", 100, 300, 4)), 1);
        List<Path> files = new ArrayList<>();
        for (int dir = 0; dir < BULK_FOLDERS; dir++) {
            Path copies = Files.createDirectories(folder.resolve(String.format(Locale.ROOT, "copies %04d", dir)));
            for (Path seed : seeds) {
                // copies, not links: the scan reads a file once however many links it has
                files.add(Files.copy(seed, copies.resolve(seed.getFileName())));
            }
        }

        String run = startRun("library-service", "/api/scans", Map.of("root", folder.toString()));
        JsonPath midScan = await(Duration.ofSeconds(60), () -> get("library-service", run),
                r -> r.getInt("done") > 0 || FINISHED.contains(r.getString("status")));
        assertThat(midScan.getString("status")).as("the scan must still be running when the database stops; make the library bigger")
                .isEqualTo("running");

        outage("library-service", run);

        JsonPath resumed = await(Duration.ofSeconds(90), () -> get("library-service", run), r -> FINISHED.contains(r.getString("status")));
        assertThat(resumed.getString("status")).as(resumed.prettify()).isEqualTo("completed");
        assertThat(resumed.getString("message")).as("the run says it was paused").contains("database was unavailable");
        assertThat(resumed.getInt("missing")).isZero();
        assertThat(resumed.getInt("failed")).isZero();
        assertThat(resumed.getInt("newTracks") + resumed.getInt("unchanged")).isEqualTo(files.size());

        try (Connection c = database()) {
            Map<String, Long> rows = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT file_path, count(*) FROM tracks WHERE file_path LIKE ? AND status = 'present' GROUP BY file_path")) {
                ps.setString(1, folder + "/%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            assertThat(rows.keySet()).as("one present track per file, none missing")
                    .containsExactlyInAnyOrderElementsOf(files.stream().map(Path::toString).toList());
            assertThat(rows.values()).as("no file has two tracks").allMatch(n -> n == 1);
            assertThat(count(c, "SELECT count(*) FROM tracks WHERE file_path LIKE ?", folder + "/%"))
                    .as("no track left missing or duplicated").isEqualTo(files.size());
        }
    }

    @Test
    void analysisInterruptedByDatabaseRestartAnalysesEveryTrackExactlyOnce() throws Exception {
        Path folder = Files.createDirectories(music.resolve("analysis"));
        FixtureLibrary.write(folder, List.of(new FixtureLibrary.Album("Fault Lines", "Outage", "Rock", "mp3", 128, 220, 10)), 20);
        JsonPath scan = await(Duration.ofSeconds(60), () -> get("library-service",
                startRun("library-service", "/api/scans", Map.of("root", folder.toString()))), r -> FINISHED.contains(r.getString("status")));
        assertThat(scan.getString("status")).isEqualTo("completed");
        List<Long> ids = new ArrayList<>();
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement("SELECT id FROM tracks WHERE file_path LIKE ? ORDER BY id")) {
            ps.setString(1, folder + "/%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        assertThat(ids).hasSize(10);

        String run = startRun("sonic-service", "/api/analysis/runs", Map.of("scope", "trackIds", "trackIds", ids));
        JsonPath midRun = await(Duration.ofSeconds(60), () -> get("sonic-service", run),
                r -> r.getInt("done") >= 2 || FINISHED.contains(r.getString("status")));
        assertThat(midRun.getString("status")).as("the run must still be going when the database stops").isEqualTo("running");

        outage("sonic-service", run);

        JsonPath after = await(Duration.ofSeconds(90), () -> get("sonic-service", run), r -> FINISHED.contains(r.getString("status")));
        assertThat(after.getString("status")).as("the run continues by itself: " + after.prettify()).isEqualTo("completed");
        assertThat(after.getInt("failed")).isZero();

        try (Connection c = database()) {
            String inRun = "track_id IN (" + String.join(",", ids.stream().map(String::valueOf).toList()) + ")";
            String current = "analyzer_version = (SELECT max(analyzer_version) FROM sonic_analyses)";
            assertThat(count(c, "SELECT count(*) FROM sonic_analyses WHERE " + inRun + " AND " + current + " AND status = 'ok'", null))
                    .as("one current ok analysis per track").isEqualTo(ids.size());
            assertThat(count(c, "SELECT count(DISTINCT track_id) FROM sonic_segments WHERE " + inRun + " AND " + current
                    + " AND segment = 'average'", null)).isEqualTo(ids.size());
            assertThat(count(c, "SELECT count(*) FROM (SELECT 1 FROM sonic_segments WHERE " + inRun
                    + " GROUP BY track_id, analyzer_version, segment HAVING count(*) > 1) d", null)).as("duplicate segment rows").isZero();
            assertThat(count(c, "SELECT count(*) FROM sonic_claims WHERE " + inRun, null)).as("claims left behind").isZero();
        }
    }

    @Test
    void enrichmentInterruptedByDatabaseRestartAsksNoSourceTwice() throws Exception {
        Path folder = Files.createDirectories(music.resolve("enrichment"));
        FixtureLibrary.write(folder, ENRICHED_ARTISTS.stream()
                .map(artist -> new FixtureLibrary.Album(artist, artist + " LP", "Rock", "ogg", 90, 250, 1)).toList(), 1);
        JsonPath scan = await(Duration.ofSeconds(60), () -> get("library-service",
                startRun("library-service", "/api/scans", Map.of("root", folder.toString()))), r -> FINISHED.contains(r.getString("status")));
        assertThat(scan.getString("status")).isEqualTo("completed");

        // artists only: the other tests' thousands of untagged copies would keep a track phase busy for minutes
        String run = startRun("enrichment-service", "/api/enrichment/runs", Map.of("scope", "artists"));
        // MusicBrainz allows one request a second: the run is well under way, not done, after the first answer
        await(Duration.ofSeconds(60), () -> ENRICHED_ARTISTS.stream().mapToLong(externalApis::requestsMentioning).sum(), n -> n >= 1);

        outage("enrichment-service", run);

        JsonPath after = await(Duration.ofSeconds(90), () -> get("enrichment-service", run), r -> FINISHED.contains(r.getString("status")));
        assertThat(after.getString("status")).as("the run continues by itself: " + after.prettify()).isEqualTo("completed");
        assertThat(externalApis.requestCounts().entrySet()).as("every external URL requested once, across the outage")
                .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo(1L));
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT artist_id FROM tracks WHERE file_path LIKE ?")) {
            ps.setString(1, folder + "/%");
            try (ResultSet rs = ps.executeQuery()) {
                int artists = 0;
                while (rs.next()) {
                    artists++;
                    assertThat(get("enrichment-service", "/api/artists/" + rs.getLong(1) + "/genres").prettify())
                            .contains("post-rock", "musicbrainz_artist", "lastfm_artist");
                }
                assertThat(artists).isEqualTo(ENRICHED_ARTISTS.size());
            }
        }
    }

    /**
     * Stops PostgreSQL, waits until every service reports itself not ready and holds the outage for
     * {@link #OUTAGE}, starts it again and waits until every service is ready; no service may exit or
     * flood its log meanwhile, and the run at {@code location} answers 503 with the reason.
     */
    private void outage(String service, String location) throws Exception {
        Map<String, Long> entriesBefore = snapshotLogEntries();
        Instant stopped = Instant.now();
        stack.stopPostgres();
        for (String name : LocalStack.SERVICES) {
            JsonPath health = await(Duration.ofSeconds(30), () -> readiness(name), h -> "DOWN".equals(h.getString("status")));
            assertThat(health.prettify()).as(name).containsIgnoringCase("database");
        }
        Duration toDown = Duration.between(stopped, Instant.now());
        Response during = given().baseUri(stack.service(service).baseUri().toString()).get(location);
        assertThat(during.statusCode()).as(during.asString()).isEqualTo(503);
        assertThat(during.contentType()).startsWith("application/problem+json");
        assertThat(during.jsonPath().getString("detail")).contains("database is unavailable");
        assertThat(during.header("Retry-After")).isNotBlank();
        Thread.sleep(Math.max(0, OUTAGE.minus(toDown).toMillis()));
        for (String name : LocalStack.SERVICES) {
            assertThat(stack.service(name).isAlive()).as(name + " is alive during the outage").isTrue();
        }
        Instant restarting = Instant.now();
        stack.startPostgres();
        Instant started = Instant.now();
        for (String name : LocalStack.SERVICES) {
            await(Duration.ofSeconds(30), () -> readiness(name), h -> "UP".equals(h.getString("status")));
        }
        Instant up = Instant.now();
        Map<String, Long> entriesAfter = snapshotLogEntries();
        System.out.printf(Locale.ROOT, "outage: all four DOWN %.1f s after the stop, database down %.1f s, restart took %.1f s, "
                        + "all four UP %.1f s after it was back; log entries per service during the outage: %s%n",
                toDown.toMillis() / 1000.0, Duration.between(stopped, started).toMillis() / 1000.0,
                Duration.between(restarting, started).toMillis() / 1000.0, Duration.between(started, up).toMillis() / 1000.0,
                delta(entriesBefore, entriesAfter));
        for (String name : LocalStack.SERVICES) {
            assertThat(stack.service(name).isAlive()).as(name + " is alive after the outage").isTrue();
            assertThat(entriesAfter.getOrDefault(name, 0L) - entriesBefore.getOrDefault(name, 0L))
                    .as(name + " log entries during the outage").isLessThanOrEqualTo(LOG_ENTRIES_PER_OUTAGE);
        }
    }

    private Map<String, Long> snapshotLogEntries() {
        Map<String, Long> snapshot = new java.util.TreeMap<>();
        logEntries.forEach((k, v) -> snapshot.put(k, v.get()));
        return snapshot;
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new java.util.TreeMap<>();
        after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0L)));
        return delta;
    }

    private JsonPath readiness(String service) {
        Response response = given().baseUri(stack.service(service).baseUri().toString()).get("/q/health/ready");
        return response.jsonPath();
    }

    private JsonPath get(String service, String location) {
        Response response = given().baseUri(stack.service(service).baseUri().toString()).get(location);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    private String startRun(String service, String path, Map<String, ?> body) {
        Response response = given().baseUri(stack.service(service).baseUri().toString()).contentType(ContentType.JSON).body(body).post(path);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
        String location = response.header("Location");
        return location.startsWith("http") ? java.net.URI.create(location).getPath() : location;
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl("segue"), "postgres", "postgres");
    }

    private static long count(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
