package dev.segue.e2e;

import static dev.segue.e2e.Polling.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.segue.testing.MpdServer;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The four packaged services as separate processes on one embedded PostgreSQL, with MusicBrainz and
 * Last.fm stubbed: what a user does, end to end, and what happens when services die mid-run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemIT {

    private static final Set<String> FINISHED = Set.of("completed", "failed", "aborted", "cancelled");
    private static final int SECONDS = 40;

    private static final String API_KEY = "e2e-api-key-" + UUID.randomUUID();
    private static final String LASTFM_KEY = "e2e-lastfm-key-" + UUID.randomUUID();
    private static final String DB_PASSWORD = "e2e-db-password-" + UUID.randomUUID();
    /** The password of the MPD the delivery scenario starts; the services know it as target "mpd"'s secret. */
    private static final String MPD_PASSWORD = "e2e-mpd-password-" + UUID.randomUUID();

    private ExternalApisStub externalApis;
    private E2eStack e2e;
    private LocalStack stack;
    private Path music;

    @BeforeAll
    void startStack() throws Exception {
        assumeThat(FixtureLibrary.ffmpegAvailable()).as("ffmpeg encodes the fixture library").isTrue();
        // the deployment as a careful user runs it: an API key, and secrets that must show up nowhere
        Map<String, String> env = Map.of(
                "SEGUE_API_KEY", API_KEY,
                "QUARKUS_DATASOURCE_PASSWORD", DB_PASSWORD,
                "SEGUE_ENRICHMENT_LASTFM_API_KEY", LASTFM_KEY,
                "SEGUE_SONIC_WORKERS", "1",
                // a killed worker's claims come back quickly, and waiting tracks are noticed within seconds
                "SEGUE_SONIC_LEASE", "15s",
                "SEGUE_SONIC_POLL_INTERVAL", "2s",
                "SEGUE_PLAYLIST_INDEX_REFRESH_INTERVAL", "2s",
                // the scheduled refresh fires a minute after each start: after the enrichment restart it began a
                // run inside the fuzzer's window and changed genre rows no request had touched
                "SEGUE_ENRICHMENT_REFRESH_EVERY", "off",
                "SEGUE_TARGET_MPD_SECRET", MPD_PASSWORD);
        e2e = E2eStack.shared(new E2eStack.Spec("e2e", env, true, (folder, apis) -> {
            FixtureLibrary.write(folder, List.of(
                    new FixtureLibrary.Album("Neon Coast", "Night Drive", "Electronic", "mp3", 124, 220, 4),
                    new FixtureLibrary.Album("Neon Coast", "Quiet Rooms", "Ambient", "flac", 70, 330, 3),
                    new FixtureLibrary.Album("Granite", "Stone Garden", "Rock", "ogg", 150, 110, 4)), SECONDS);
            apis.artist("Neon Coast", "electronic", List.of("Night Drive", "Quiet Rooms"));
            apis.artist("Granite", "rock", List.of("Stone Garden"));
            for (String artist : List.of("Harbor Lights", "Pale Orchard", "Velvet Static", "Iron Tide")) {
                apis.artist(artist, "indie rock", List.of(artist + " LP"));
            }
        }));
        stack = e2e.stack();
        externalApis = e2e.apis();
        music = e2e.music();
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("X-Api-Key", API_KEY).build();
    }

    @AfterAll
    void resetRestAssured() {
        RestAssured.reset();
    }

    @Test
    void scanEnrichAnalyseThenPlaylistAndM3u() throws Exception {
        JsonPath scan = awaitRun("library-service", startRun("library-service", "/api/scans", Map.of()));
        assertThat(scan.getString("status")).isEqualTo("completed");

        JsonPath tracks = json(given().baseUri(base("library-service")).get("/api/tracks?size=200&q=Night"));
        assertThat(tracks.getList("items.title")).contains("Night Piece 1", "Night Piece 4");

        awaitRun("enrichment-service", startRun("enrichment-service", "/api/enrichment/runs", Map.of("scope", "all")));
        long nightDrive = trackId("Night Piece 1");
        JsonPath genres = json(given().baseUri(base("enrichment-service")).get("/api/tracks/" + nightDrive + "/genres"));
        assertThat(genres.prettify()).contains("electronic");

        awaitAnalysed();
        JsonPath sonic = json(given().baseUri(base("sonic-service")).get("/api/tracks/" + nightDrive + "/sonic"));
        assertThat(sonic.prettify()).contains("beginning", "middle", "end", "average");

        given().baseUri(base("playlist-service")).post("/api/index/refresh").then().statusCode(200);
        Response created = given().baseUri(base("playlist-service")).contentType(ContentType.JSON)
                .body(Map.of("seeds", List.of(nightDrive), "size", 6, "name", "e2e evening"))
                .post("/api/playlists");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String location = created.header("Location");
        JsonPath playlist = created.jsonPath();
        List<Integer> ids = playlist.getList("tracks.trackId");
        assertThat(ids).hasSize(6).doesNotHaveDuplicates().startsWith((int) nightDrive);
        assertThat(playlist.getBoolean("genreOnly")).isFalse();
        assertThat(playlist.getList("tracks.scores.total")).doesNotContainNull();

        String m3u = given().baseUri(base("playlist-service")).get(location + ".m3u8").then().statusCode(200).extract().asString();
        List<String> lines = m3u.lines().toList();
        assertThat(lines.get(0)).isEqualTo("#EXTM3U");
        List<String> paths = lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertThat(paths).hasSize(6).allSatisfy(p -> assertThat(Path.of(p)).exists());
        assertThat(lines.stream().filter(l -> l.startsWith("#EXTINF:"))).hasSize(6)
                .allSatisfy(l -> assertThat(l).matches("#EXTINF:\\d+,.+ - .+"));

        for (String service : LocalStack.SERVICES) {
            given().baseUri(base(service)).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(base(service)).get("/q/health/live").then().statusCode(200);
            given().baseUri(base(service)).get("/q/metrics").then().statusCode(200)
                    .body(containsString("http_server_requests_seconds_count"));
        }
    }

    @Test
    void aPlaylistAndAMixRenewedTwiceReachARealMpdAndAPlaylistFolderAsOnePlaylistEach() throws Exception {
        // short tracks, so a 50-track mix needs no long analysis; they are let in with minTrackSeconds 0
        FixtureLibrary.write(music, List.of(new FixtureLibrary.Album("Fifty Hands", "Fifty Tracks", "Electronic", "mp3", 118, 240, 44)), 8);
        awaitRun("library-service", startRun("library-service", "/api/scans", Map.of()));
        awaitRun("enrichment-service", startRun("enrichment-service", "/api/enrichment/runs", Map.of("scope", "all")));
        awaitAnalysed();
        given().baseUri(base("playlist-service")).post("/api/index/refresh").then().statusCode(200);

        Path delivery = Files.createTempDirectory("segue-e2e-delivery");
        Path folder = Files.createDirectories(delivery.resolve("folder"));
        try (MpdServer mpd = MpdServer.start(music, Files.createDirectories(delivery.resolve("mpd-playlists")), delivery.resolve("mpd"),
                MPD_PASSWORD)) {
            given().baseUri(base("playlist-service")).contentType(ContentType.JSON).body(List.of(
                    Map.of("name", "mpd", "kind", "mpd", "url", "mpd://127.0.0.1:" + mpd.port(), "pathMappings", List.of(music + "/=")),
                    Map.of("name", "folder", "kind", "folder", "directory", folder.toString()))).put("/api/targets").then().statusCode(200);
            long seed = trackId("Night Piece 1");

            Response created = given().baseUri(base("playlist-service")).contentType(ContentType.JSON)
                    .body(Map.of("seeds", List.of(seed), "size", 6, "name", "e2e pushed")).post("/api/playlists");
            assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
            long playlist = created.jsonPath().getLong("id");
            for (String target : List.of("mpd", "folder", "mpd")) {
                JsonPath pushed = json(given().baseUri(base("playlist-service")).contentType(ContentType.JSON)
                        .body(Map.of("target", target)).post("/api/playlists/" + playlist + "/push"));
                assertThat(pushed.getInt("matched")).as(target).isEqualTo(6);
            }
            assertThat(mpd.playlists()).containsOnlyOnce("e2e pushed");
            assertThat(mpd.playlist("e2e pushed")).containsExactlyElementsOf(files(playlist, music + "/", ""));

            Response mix = given().baseUri(base("playlist-service")).contentType(ContentType.JSON).body(Map.of("name", "e2e daily",
                    "source", Map.of("seeds", List.of(seed)), "size", 20, "minTrackSeconds", 0, "maxPerArtist", 50, "artistGap", 0,
                    "targets", List.of("mpd", "folder"), "freshShare", 0.5, "keepEditions", 2)).post("/api/mixes");
            assertThat(mix.statusCode()).as(mix.asString()).isEqualTo(201);
            String location = URI.create(mix.header("Location")).getPath();
            List<Long> editions = new java.util.ArrayList<>();
            for (int n = 1; n <= 2; n++) {
                long started = System.nanoTime();
                Response run = given().baseUri(base("playlist-service")).post(location + "/runs");
                long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
                assertThat(run.statusCode()).as(run.asString()).isEqualTo(201);
                JsonPath edition = run.jsonPath();
                System.out.printf("mix run %d: %d tracks (%d fresh) to mpd + folder in %d ms%n", n, edition.getInt("tracks"),
                        edition.getInt("fresh"), ms);
                assertThat(edition.getList("targets.error")).containsOnlyNulls();
                assertThat(edition.getList("targets.pushed", Integer.class)).containsExactly(20, 20);
                assertThat(edition.getList("targets.created", Boolean.class)).containsExactly(n == 1, n == 1);
                editions.add(edition.getLong("playlistId"));
            }
            List<String> newest = files(editions.get(1), music + "/", "");
            assertThat(newest).hasSize(20).doesNotHaveDuplicates();
            List<String> first = files(editions.get(0), music + "/", "");
            assertThat(newest.stream().filter(f -> !first.contains(f))).as("fresh picks").hasSizeGreaterThanOrEqualTo(10);
            assertThat(mpd.playlists()).containsOnlyOnce("e2e daily");
            assertThat(mpd.playlist("e2e daily")).as("MPD holds the newest edition").containsExactlyElementsOf(newest);
            try (var files = Files.list(folder)) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("e2e pushed.m3u8", "e2e daily.m3u8");
            }
            assertThat(Files.readAllLines(folder.resolve("e2e daily.m3u8"))).as("the folder holds the newest edition")
                    .containsExactlyElementsOf(java.util.stream.Stream.concat(java.util.stream.Stream.of("#EXTM3U"),
                            files(editions.get(1), "", "").stream()).toList());

            // the figure of docs/benchmarks.md: a 50-track mix to MPD and the folder
            Response big = given().baseUri(base("playlist-service")).contentType(ContentType.JSON).body(Map.of("name", "e2e fifty",
                    "source", Map.of("seeds", List.of(trackId("Fifty Piece 1"))), "size", 50, "minTrackSeconds", 0, "maxPerArtist", 50,
                    "artistGap", 0, "targets", List.of("mpd", "folder"), "freshShare", 0.0)).post("/api/mixes");
            assertThat(big.statusCode()).as(big.asString()).isEqualTo(201);
            for (int n = 1; n <= 3; n++) {
                long started = System.nanoTime();
                JsonPath run = given().baseUri(base("playlist-service")).post(URI.create(big.header("Location")).getPath() + "/runs")
                        .then().statusCode(201).extract().jsonPath();
                System.out.printf("50-track mix run %d: %d tracks to mpd (%d) + folder (%d) in %d ms%n", n, run.getInt("tracks"),
                        run.getInt("targets[0].pushed"), run.getInt("targets[1].pushed"), Duration.ofNanos(System.nanoTime() - started).toMillis());
            }
            assertThat(mpd.playlists()).containsOnlyOnce("e2e fifty");
            assertThat(mpd.playlist("e2e fifty")).hasSize(50);
        }
    }

    /** A stored playlist's files, as its M3U lists them, with {@code prefix} replaced by {@code replacement}. */
    private List<String> files(long playlist, String prefix, String replacement) {
        String m3u = given().baseUri(base("playlist-service")).get("/api/playlists/" + playlist + ".m3u8").then().statusCode(200)
                .extract().asString();
        return m3u.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> prefix.isEmpty() ? l : l.startsWith(prefix) ? replacement + l.substring(prefix.length()) : l).toList();
    }

    @Test
    void theWholeFlowThroughClientsGeneratedFromTheOpenApiDocuments() throws Exception {
        Map<String, URI> services = new java.util.HashMap<>();
        for (String service : LocalStack.SERVICES) {
            services.put(service, stack.service(service).baseUri());
        }
        new GeneratedClientFlow(services, API_KEY).run("Night Piece 2", 5);
    }

    @Test
    void withAnApiKeyChangesNeedItServicesStillTalkAndNoSecretShowsAnywhere() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> changes = Map.of("library-service", "/api/scans", "enrichment-service", "/api/enrichment/runs",
                "sonic-service", "/api/analysis/runs", "playlist-service", "/api/playlists");
        for (Map.Entry<String, String> change : changes.entrySet()) {
            for (String key : new String[] {null, "wrong-" + API_KEY.substring(0, 8)}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(change.getKey()) + change.getValue()))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
                if (key != null) {
                    request.header("X-Api-Key", key);
                }
                HttpResponse<String> refused = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(change + " with key " + key).isEqualTo(401);
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(refused.body()).doesNotContain(API_KEY);
            }
        }

        // a scan notifies enrichment and sonic: with the key set, those calls must carry it
        awaitRun("library-service", startRun("library-service", "/api/scans", Map.of()));
        awaitRun("enrichment-service", startRun("enrichment-service", "/api/enrichment/runs", Map.of("scope", "all")));

        List<String> secrets = List.of(API_KEY, LASTFM_KEY, DB_PASSWORD, MPD_PASSWORD);
        for (String service : LocalStack.SERVICES) {
            for (String path : List.of("/q/openapi", "/q/metrics", "/q/health", "/api/does-not-exist")) {
                String body = given().baseUri(base(service)).get(path).asString();
                assertThat(secrets).as(service + path).noneSatisfy(secret -> assertThat(body).contains(secret));
            }
        }
        String log = Files.readString(e2e.log());
        assertThat(log).as("the stack's log").contains("library-service").contains("sonic-service")
                .doesNotContain("Could not tell");
        assertThat(secrets).noneSatisfy(secret -> assertThat(log).contains(secret));
    }

    @Test
    void sonicKilledMidRunAnalysesEveryTrackExactlyOnceAfterRestart() throws Exception {
        awaitRun("library-service", startRun("library-service", "/api/scans", Map.of()));
        awaitAnalysed();
        FixtureLibrary.write(music, List.of(new FixtureLibrary.Album("Harbor Lights", "Harbor Lights LP", "Indie Rock", "mp3", 110, 260, 8)), SECONDS);
        awaitRun("library-service", startRun("library-service", "/api/scans", Map.of()));

        ServiceProcess sonic = stack.service("sonic-service");
        String run = startRun("sonic-service", "/api/analysis/runs", Map.of("scope", "pending"));
        await(Duration.ofMinutes(2), () -> json(given().baseUri(base("sonic-service")).get(run)), r -> r.getInt("done") >= 1);
        sonic.kill();

        sonic.start();
        sonic.awaitReady(Duration.ofMinutes(3));
        awaitAnalysed();

        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("segue"), "postgres", "postgres"); Statement s = c.createStatement()) {
            assertThat(single(s, """
                    SELECT count(*) FROM tracks t WHERE t.status = 'present' AND (SELECT count(*) FROM sonic_analyses a
                      WHERE a.track_id = t.id AND a.analyzer_version = (SELECT max(analyzer_version) FROM sonic_analyses)
                      AND a.status = 'ok') <> 1""")).as("present tracks without exactly one current ok analysis").isZero();
            assertThat(single(s, "SELECT count(*) FROM tracks WHERE status = 'present'")).isEqualTo(single(s,
                    "SELECT count(DISTINCT track_id) FROM sonic_segments WHERE segment = 'average'"));
        }
    }

    @Test
    void enrichmentStoppedMidRunRepeatsNoFinishedCallAfterRestart() throws Exception {
        FixtureLibrary.write(music, List.of(
                new FixtureLibrary.Album("Pale Orchard", "Pale Orchard LP", "Folk", "ogg", 90, 300, 1),
                new FixtureLibrary.Album("Velvet Static", "Velvet Static LP", "Shoegaze", "ogg", 100, 240, 1),
                new FixtureLibrary.Album("Iron Tide", "Iron Tide LP", "Metal", "ogg", 170, 90, 1)), SECONDS);
        awaitRun("library-service", startRun("library-service", "/api/scans", Map.of()));
        ServiceProcess enrichment = stack.service("enrichment-service");
        startRun("enrichment-service", "/api/enrichment/runs", Map.of("scope", "all"));
        await(Duration.ofMinutes(2), () -> externalApis.requestsMentioning("Pale Orchard") + externalApis.requestsMentioning("Velvet Static")
                + externalApis.requestsMentioning("Iron Tide"), n -> n >= 2);
        enrichment.stop();
        Map<String, Long> beforeRestart = externalApis.requestCounts();

        enrichment.start();
        enrichment.awaitReady(Duration.ofMinutes(3));
        awaitRun("enrichment-service", startRun("enrichment-service", "/api/enrichment/runs", Map.of("scope", "all")));

        Map<String, Long> after = externalApis.requestCounts();
        assertThat(after.entrySet()).as("every external URL requested once, across the stop").allSatisfy(e ->
                assertThat(e.getValue()).as(e.getKey()).isEqualTo(1L));
        assertThat(after.size()).isGreaterThan(beforeRestart.size());
        for (String artist : List.of("Pale Orchard", "Velvet Static", "Iron Tide")) {
            long track = trackId(artist.split(" ")[0] + " Piece 1");
            long artistId = json(given().baseUri(base("library-service")).get("/api/tracks/" + track)).getLong("artistId");
            assertThat(json(given().baseUri(base("enrichment-service")).get("/api/artists/" + artistId + "/genres")).prettify())
                    .as(artist).contains("indie rock", "musicbrainz_artist", "lastfm_artist");
        }
    }

    @Test
    void schemaViolatingRequestsFromTheOpenApiDocumentsGetProblemsAndChangeNothing() throws Exception {
        for (String runs : List.of("library-service /api/scans", "enrichment-service /api/enrichment/runs",
                "sonic-service /api/analysis/runs")) {
            String[] parts = runs.split(" ");
            await(Duration.ofMinutes(5), () -> given().baseUri(base(parts[0])).get(parts[1]).asString(),
                    listing -> FINISHED.containsAll(JsonPath.from(listing).getList("items.status")));
        }
        Map<String, String> before = snapshot();
        long started = System.nanoTime();
        RequestFuzzer fuzzer = new RequestFuzzer(API_KEY);
        for (String service : LocalStack.SERVICES) {
            fuzzer.fuzz(stack.service(service).baseUri());
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        Map<String, String> after = snapshot();
        long changed = before.keySet().stream().filter(table -> !before.get(table).equals(after.get(table))).count();
        System.out.printf("request fuzzer: %d requests in %d s, %d failures (%d 5xx), %d of %d tables changed%n", fuzzer.sent(), seconds,
                fuzzer.failures().size(), fuzzer.failures().stream().filter(f -> f.status() >= 500).count(), changed, before.size());
        assertThat(fuzzer.failures()).isEmpty();
        assertThat(fuzzer.sent()).isGreaterThanOrEqualTo(2000);
        assertThat(after).isEqualTo(before);
    }

    /** Row count and a checksum of the rows of every table the services own. */
    private Map<String, String> snapshot() throws SQLException {
        Map<String, String> tables = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("segue"), "postgres", "postgres"); Statement s = c.createStatement()) {
            List<String> names = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')""")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String table : names) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "
                        + table + " t")) {
                    rs.next();
                    tables.put(table, rs.getString(1));
                }
            }
        }
        return tables;
    }

    private String base(String service) {
        return stack.service(service).baseUri().toString();
    }

    /** Starts a run; when one is already active (409) returns the location of the active run it names instead. */
    private String startRun(String service, String path, Map<String, ?> body) {
        Response response = given().baseUri(base(service)).contentType(ContentType.JSON).body(body).post(path);
        if (response.statusCode() == 409) {
            long active = response.jsonPath().getLong("activeRun.id");
            assertThat(response.header("Location")).as(response.asString()).endsWith(path + "/" + active);
            return path + "/" + active;
        }
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
        String location = response.header("Location");
        return location.startsWith("http") ? java.net.URI.create(location).getPath() : location;
    }

    private JsonPath awaitRun(String service, String location) throws InterruptedException {
        JsonPath run = await(Duration.ofMinutes(5), () -> json(given().baseUri(base(service)).get(location)),
                r -> FINISHED.contains(r.getString("status")));
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("completed");
        return run;
    }

    private void awaitAnalysed() throws InterruptedException {
        startRun("sonic-service", "/api/analysis/runs", Map.of("scope", "pending"));
        JsonPath stats = await(Duration.ofMinutes(5), () -> json(given().baseUri(base("sonic-service")).get("/api/analysis/stats")),
                s -> s.getLong("pending") == 0 && s.getLong("claimed") == 0 && s.getLong("analysed") == s.getLong("presentTracks"));
        assertThat(stats.getLong("failed")).isZero();
    }

    private long trackId(String title) {
        JsonPath page = json(given().baseUri(base("library-service")).queryParam("q", title).get("/api/tracks"));
        List<Map<String, Object>> items = page.getList("items");
        return items.stream().filter(t -> title.equals(t.get("title"))).map(t -> ((Number) t.get("id")).longValue())
                .findFirst().orElseThrow(() -> new AssertionError("no track titled " + title + ": " + page.prettify()));
    }

    private static JsonPath json(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
