package dev.segue.e2e;

import static dev.segue.e2e.Polling.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The web app in Debian's headless Chromium against the packaged stack (one start for every scenario, in
 * order): a first visit on an empty library through scan, analysis, search, build, reorder, M3U and the map;
 * the API key asked once; then the budgets on 33,636 synthetic tracks; last a stopped service's reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String API_KEY = "e2e-web-key-" + UUID.randomUUID();
    private static final int LIBRARY_SIZE = 33_636;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path SHOTS = Path.of("target", "screenshots");

    private Path work;
    private Path downloads;
    private LocalStack stack;
    private ChromeDriver browser;
    private String base;
    private final List<String> budgets = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        assumeThat(FixtureLibrary.ffmpegAvailable()).as("ffmpeg encodes the fixture library").isTrue();
        assumeThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Debian's chromium and chromium-driver (.ci/run installs them)").isTrue();
        E2eStack e2e = E2eStack.shared(new E2eStack.Spec("e2e-web", Map.of("SEGUE_API_KEY", API_KEY,
                "SEGUE_ENRICHMENT_LASTFM_API_KEY", "e2e-lastfm",
                "SEGUE_SONIC_WORKERS", "1",
                "SEGUE_SONIC_AUTO_RUN", "false",
                "SEGUE_PLAYLIST_INDEX_REFRESH_INTERVAL", "2s"), true, (music, apis) -> {
                    FixtureLibrary.write(music, List.of(
                            new FixtureLibrary.Album("Neon Coast", "Night Drive", "Electronic", "mp3", 124, 220, 4),
                            new FixtureLibrary.Album("Granite", "Stone Garden", "Rock", "ogg", 150, 110, 4)), 20);
                    // a messy library: one file that only looks like music
                    Files.writeString(Files.createDirectories(music.resolve("Downloads")).resolve("not really.flac"), "no audio here");
                    apis.artist("Neon Coast", "electronic", List.of("Night Drive"));
                    apis.artist("Granite", "rock", List.of("Stone Garden"));
                }));
        stack = e2e.stack();
        work = e2e.work();
        downloads = Files.createDirectories(work.resolve("downloads"));
        base = stack.service("playlist-service").baseUri().toString().replaceAll("/$", "");
        Files.createDirectories(SHOTS);
        browser = chromium();
    }

    private ChromeDriver chromium() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--window-size=1280,900",
                "--user-data-dir=" + Files.createDirectories(work.resolve("chromium-profile")));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        return driver;
    }

    @AfterAll
    void stop() throws IOException {
        if (!budgets.isEmpty()) {
            Files.write(Path.of("target", "web-budgets.txt"), budgets);
        }
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void firstVisitScanAnalyseSearchBuildReorderExportAndMap() throws Exception {
        browser.get(base + "/");
        awaitVisible("#counts .cards");
        assertThat(text("#counts")).contains("Tracks").contains("No tracks yet").contains("nothing to enrich yet", "nothing to analyse yet")
                .doesNotContain("0 %");
        shot("home-empty");

        // the scan is a change: the key is asked for, kept for the session and the request repeated; a wrong key is asked
        // for again, saying why
        click("tr[data-run=scan] button");
        awaitVisible("#key-dialog[open]");
        browser.findElement(By.id("key-input")).sendKeys("not-" + API_KEY);
        click("#key-dialog button[value=ok]");
        await(WAIT, () -> browser.findElements(By.cssSelector("#key-dialog[open]")).isEmpty() ? "" : text("#key-reason"),
                t -> t.contains("not the configured one"));
        browser.findElement(By.id("key-input")).sendKeys(API_KEY);
        click("#key-dialog button[value=ok]");
        awaitRun("scan", "completed");
        await(WAIT, () -> text("#counts"), t -> t.contains("mp3 4") && t.contains("ogg 4"));
        // the unreadable file is named on Home with the reason, and the list stays open while the page refreshes
        assertThat(text("tr[data-run=scan]")).contains("1 unreadable");
        awaitVisible("details[data-scan-errors] summary");
        // one script step: the row is redrawn every second while the analysis the scan started runs
        browser.executeScript("document.querySelector('details[data-scan-errors] summary').click()");
        await(WAIT, () -> text("details[data-scan-errors]"), t -> t.contains("not really.flac: "));
        Thread.sleep(2500);
        assertThat(text("details[data-scan-errors]")).contains("not really.flac: ");
        shot("home-scanned");

        // the scan tells sonic-service, which starts analysing: the page follows that run
        List<String> seen = new ArrayList<>();
        await(WAIT, () -> {
            seen.add(text("tr[data-run=analysis]"));
            return attribute("tr[data-run=analysis]", "data-status");
        }, "completed"::equals);
        // on a quiet machine the 8 tracks can be analysed between two polls: the finished run's line then shows the count
        seen.add(text("tr[data-run=analysis]"));
        assertThat(seen).as("progress shown").anyMatch(t -> t.matches("(?s).*\\d+ of \\d+ tracks.*"));
        click("tr[data-run=analysis] button");
        awaitVisible("tr[data-run=analysis] button");
        awaitRun("analysis", "completed");
        assertThat(browser.findElements(By.cssSelector("#key-dialog[open]"))).as("the key is asked once").isEmpty();
        // the scan also started the genre run (MusicBrainz and Last.fm stubbed): the track page shows its genres
        awaitRun("enrichment", "completed");
        shot("home");
        awaitIndexed(8);

        browser.get(base + "/#/library");
        WebElement search = awaitVisible("#q");
        search.sendKeys("Night Piece");
        awaitVisible("#results[data-q='Night Piece'] #track-results table");
        assertThat(text("#results")).contains("Night Piece 1").contains("Neon Coast");
        shot("library");
        browser.findElement(By.linkText("Night Piece 1")).click();
        awaitVisible("#sonic-features");
        assertThat(text("#main")).contains("electronic").contains("beginning").contains("Hz").contains("dB");
        shot("track");
        click("button.primary");

        browser.get(base + "/#/build");
        awaitVisible("#seed-list");
        assertThat(text("#seed-list")).contains("Night Piece 1");
        WebElement length = browser.findElement(By.id("length"));
        length.clear();
        length.sendKeys("6");
        // the fixture's tracks are 20 s long: below the default shortest track (30 s) a playlist leaves out
        browser.findElement(By.id("minTrackSeconds")).sendKeys("0");
        click("#build");
        awaitVisible("#playlist-tracks");
        List<WebElement> rows = browser.findElements(By.cssSelector("#playlist-tracks tbody tr"));
        assertThat(rows).hasSize(6);
        assertThat(browser.findElements(By.cssSelector("#playlist-tracks .bar.sonic"))).hasSize(6);
        assertThat(browser.findElements(By.cssSelector("#playlist-tracks .bar.transition"))).hasSize(5);
        assertThat(text("#playlist-tracks")).containsAnyOf("same artist", "same album", "genre", "close");
        shot("build");

        String second = rows.get(1).getAttribute("data-track-id");
        String third = rows.get(2).getAttribute("data-track-id");
        String moved = "#playlist-tracks tr[data-track-id='" + second + "'] .bar.transition";
        String transitionBefore = attribute(moved, "aria-valuenow");
        click("#playlist-tracks tbody tr:nth-child(2) button[aria-label^='Move'][aria-label$='down']");
        await(WAIT, () -> attribute("#playlist-tracks tbody tr:nth-child(2)", "data-track-id"), third::equals);
        assertThat(attribute("#playlist-tracks tbody tr:nth-child(3)", "data-track-id")).isEqualTo(second);
        assertThat(attribute(moved, "aria-valuenow")).as("its transition scored again from its new predecessor")
                .isNotEqualTo(transitionBefore);

        List<String> order = browser.findElements(By.cssSelector("#playlist-tracks tbody tr td:nth-child(2) a")).stream()
                .map(WebElement::getText).toList();
        click("#export-m3u");
        Path m3u = awaitDownload();
        List<String> entries = Files.readAllLines(m3u).stream().filter(l -> l.startsWith("#EXTINF")).toList();
        assertThat(Files.readString(m3u)).startsWith("#EXTM3U");
        assertThat(entries).as("the downloaded file is the playlist in its new order").hasSize(6);
        for (int i = 0; i < order.size(); i++) {
            assertThat(entries.get(i)).endsWith(" - " + order.get(i));
        }
        assertThat(browser.findElements(By.cssSelector("#push:not([hidden])"))).as("no targets, no push").isEmpty();

        browser.get(base + "/#/map");
        WebElement canvas = awaitVisible("#map-canvas[data-points]");
        assertThat(canvas.getAttribute("data-points")).isEqualTo("8");
        assertThat(text("#axes")).contains("variance");
        shot("map-small");
        clickFirstPoint(canvas);
        assertThat(text("#picked")).contains("Seed added");
        mapFromTheKeyboard();

        browser.get(base + "/#/playlists");
        awaitVisible("#playlists");
        assertThat(text("#playlists")).contains("Mix from");
        shot("playlists");
        assertNoConsoleErrors();
    }

    @Test
    @Order(2)
    void budgetsOnTheFullLibrary() throws Exception {
        long start = System.nanoTime();
        seedSyntheticLibrary();
        long seeded = System.nanoTime();
        awaitIndexed(LIBRARY_SIZE);
        long indexed = System.nanoTime();
        // the projection is fitted once per analyzer version and library size; the budget is the browser's part
        HttpResponse<String> warm = get("/api/map");
        assertThat(warm.statusCode()).isEqualTo(200);
        // the budget is a running Segue's home page: the first reads of the 33,636 new rows after the services started
        // (cold JIT, cold PostgreSQL buffers) took 2.6 s at load 2.9 and say nothing about that; bench/load warms up too
        for (String path : List.of("/api/stats", "/api/enrichment/stats", "/api/analysis/stats", "/api/status")) {
            get(path);
        }
        budgets.add(String.format(Locale.ROOT, "setup: %,d tracks seeded in %.1f s, indexed in %.1f s, map fitted in %.1f s",
                LIBRARY_SIZE, (seeded - start) / 1e9, (indexed - seeded) / 1e9, (System.nanoTime() - indexed) / 1e9));

        ChromeDriver fresh = browser;
        fresh.executeCdpCommand("Network.clearBrowserCache", Map.of());
        fresh.get(base + "/");
        awaitVisible("body[data-home-ready]");
        long interactive = Long.parseLong(attribute("body", "data-home-ready"));
        long bytes = ((Number) fresh.executeScript("""
                return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                  .filter(e => !e.name.includes('/api/')).reduce((s, e) => s + e.transferSize, 0);""")).longValue();
        budget("first load transferred (HTML, CSS, JS)", bytes / 1024.0, "KB", 300, true);
        budget("home interactive (counts, runs, readiness shown)", interactive, "ms", 1000);
        shot("home-full");

        fresh.get(base + "/#/map");
        WebElement canvas = awaitVisible("#map-canvas[data-points]");
        assertThat(canvas.getAttribute("data-points")).isEqualTo(String.valueOf(warmCount(warm.body())));
        budget("map of " + canvas.getAttribute("data-points") + " points fetched and drawn",
                Double.parseDouble(canvas.getAttribute("data-draw-ms")), "ms", 1500);
        shot("map");

        // like home's, the budget is a running Segue's: the first searches after the services started run while the JIT
        // still compiles the listing's path (213-451 ms p95 at load 3-4, docs/web.md); other words than those measured
        for (int i = 0; i < 30; i++) {
            String word = URLEncoder.encode(List.of("Synthetic 5", "Artist 7", "Album 3").get(i % 3) + i, StandardCharsets.UTF_8);
            for (String list : List.of("tracks?size=25", "artists?size=8", "albums?size=8")) {
                assertThat(get("/api/" + list + "&q=" + word).statusCode()).isEqualTo(200);
            }
        }
        fresh.get(base + "/#/library");
        WebElement search = awaitVisible("#q");
        List<Long> times = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        String[] words = {"Synthetic", "Artist 12", "Album 7", "Night", "Stone", "Synthetic 99", "Artist 3", "Album 21"};
        for (int i = 0; i < 24; i++) {
            String word = words[i % words.length] + (i >= words.length ? String.valueOf(i) : "");
            search.clear();
            ((JavascriptExecutor) fresh).executeScript("document.getElementById('results').removeAttribute('data-ms')");
            search.sendKeys(word);
            awaitVisible("#results[data-ms][data-q='" + word + "']");
            times.add(Long.parseLong(attribute("#results", "data-ms")));
            answers.add("'" + word + "' " + times.getLast() + " ms");
            if (i == 0) {
                // every synthetic track matches: the count stops at 1,000 and the page says so
                assertThat(text("#results")).contains("Tracks (1,000+)");
            }
        }
        budgets.add("search answers: " + String.join(", ", answers));
        times.sort(Long::compare);
        // recorded, not asserted: it depends on the machine's load (docs/web.md)
        budget("search answer p95 (24 queries, tracks + artists + albums)", times.get((int) Math.ceil(times.size() * 0.95) - 1),
                "ms", 150, false);
        shot("library-full");

        fresh.manage().window().setSize(new Dimension(390, 844));
        fresh.get(base + "/");
        awaitVisible("body[data-home-ready]");
        assertThat(((Number) fresh.executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("home, its runs' buttons included, fits a phone's width").isLessThanOrEqualTo(390);
        shot("home-phone");
        fresh.get(base + "/#/map");
        awaitVisible("#map-canvas[data-points]");
        assertThat(((Number) fresh.executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("the map page fits a phone's width").isLessThanOrEqualTo(390);
        shot("map-phone");
        fresh.manage().window().setSize(new Dimension(1280, 900));
        assertNoConsoleErrors();
    }

    @Test
    @Order(3)
    void aStoppedServiceShowsItsReason() throws Exception {
        stack.service("enrichment-service").stop();
        browser.get(base + "/");
        String row = await(WAIT, () -> text("#readiness tr[data-service=enrichment-service]"), t -> t.contains("UNREACHABLE"));
        assertThat(row.replace("enrichment-service", "").replace("UNREACHABLE", "").trim()).as("a reason: %s", row).isNotEmpty();
        // the runs are asked on their own (retried, then refused after the gateway's bound): their row may come later
        awaitRun("enrichment", "unavailable");
        assertThat(text("tr[data-run=enrichment]").replace("Genres", "").trim()).as("the run row says why instead of going blank")
                .isNotBlank();
        // each part of Home loads on its own: the counts come from library-service, which is up
        await(WAIT, () -> text("#counts"), t -> t.contains("Tracks"));
        shot("service-down");
    }

    /** The map's click as keys: Tab to the map, arrows between tracks, Enter seeds; then two Enters pick a path. */
    private void mapFromTheKeyboard() throws Exception {
        // a fresh page: the map is already open and focused by the mouse click, which Tab would skip past
        browser.get(base + "/#/map");
        browser.navigate().refresh();
        awaitVisible("#map-canvas[data-points]");
        Actions keys = new Actions(browser);
        for (int i = 0; i < 20 && !"map-canvas".equals(browser.executeScript("return document.activeElement.id")); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.executeScript("return document.activeElement.id")).as("the map is reached with Tab").isEqualTo("map-canvas");
        String first = attribute("#map-canvas", "data-focused");
        assertThat(text("#map-current")).as("the focused track is read out").contains("Piece");
        keys.sendKeys(Keys.ARROW_RIGHT).perform();
        keys.sendKeys(Keys.ARROW_DOWN).perform();
        String moved = attribute("#map-canvas", "data-focused");
        assertThat(moved).as("an arrow moves to another track").isNotEqualTo(first);
        keys.sendKeys(Keys.ENTER).perform();
        await(WAIT, () -> text("#picked"), t -> t.contains("Seed added"));
        assertThat((String) browser.executeScript("return sessionStorage.getItem('segue.seeds')")).contains("\"id\":" + moved + ",");

        // back to "A click or Enter", switch it to the ends of a path, and pick two tracks
        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(browser.executeScript("return document.activeElement.id")).isEqualTo("click-mode");
        keys.sendKeys(Keys.ARROW_DOWN).perform();
        assertThat(attribute("#click-mode", "value")).isEqualTo("path");
        keys.sendKeys(Keys.TAB).perform();
        keys.sendKeys(Keys.ENTER).perform();
        await(WAIT, () -> text("#picked"), t -> t.contains("now pick where it ends"));
        keys.sendKeys(Keys.ARROW_LEFT).perform();
        String end = attribute("#map-canvas", "data-focused");
        assertThat(end).isNotEqualTo(moved);
        // two artists of four tracks, never two in a row: between one artist's tracks a path has an odd length, between
        // the two artists an even one; the length is typed into "Tracks in a path", before "A click or Enter"
        int length = artistOf(moved).equals(artistOf(end)) ? 5 : 6;
        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB, Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(browser.executeScript("return document.activeElement.id")).isEqualTo("path-size");
        keys.sendKeys(String.valueOf(length)).sendKeys(Keys.TAB, Keys.TAB).perform();
        assertThat(browser.executeScript("return document.activeElement.id")).isEqualTo("map-canvas");
        assertThat(attribute("#map-canvas", "data-focused")).as("the map keeps its focused track").isEqualTo(end);
        keys.sendKeys(Keys.ENTER).perform();
        awaitVisible("#map-result #playlist-tracks");
        assertThat(browser.findElements(By.cssSelector("#map-result #playlist-tracks tbody tr"))).hasSize(length);
        shot("map-keyboard");
    }

    private void clickFirstPoint(WebElement canvas) throws InterruptedException {
        // Actions offsets count from the centre of the element's visible part: the whole map must be in view
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", canvas);
        Object[] point = ((List<?>) browser.executeScript("""
                const c = document.getElementById('map-canvas'), ctx = c.getContext('2d');
                const d = ctx.getImageData(0, 0, c.width, c.height).data, r = window.devicePixelRatio || 1;
                for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0) {
                  const p = i / 4; return [Math.round((p % c.width) / r), Math.round(Math.floor(p / c.width) / r)]; }
                return null;""")).toArray();
        int x = ((Number) point[0]).intValue() + 1;
        int y = ((Number) point[1]).intValue() + 1;
        Dimension size = canvas.getSize();
        new Actions(browser).moveToElement(canvas, x - size.width / 2, y - size.height / 2).click().perform();
        await(WAIT, () -> text("#picked"), t -> !t.isBlank());
    }

    private void seedSyntheticLibrary() throws Exception {
        int existing = Integer.parseInt(get("/api/stats").body().replaceAll(".*\"tracks\":(\\d+).*", "$1"));
        int add = LIBRARY_SIZE - existing;
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl("segue"), "postgres", "postgres");
             Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            sql.execute("""
                    INSERT INTO artists (name, name_key, sort_name)
                    SELECT 'Synthetic Artist ' || g, 'synthetic artist ' || g, 'synthetic artist ' || g FROM generate_series(1, 2100) g""");
            sql.execute("""
                    INSERT INTO albums (title, title_key, album_artist_id)
                    SELECT 'Synthetic Album ' || g, 'synthetic album ' || g, a.id
                    FROM generate_series(1, 3700) g JOIN artists a ON a.name_key = 'synthetic artist ' || (1 + g % 2100)""");
            sql.execute("""
                    INSERT INTO tracks (file_path, file_size, file_mtime, content_key, format, title, artist_id, album_id, duration_ms)
                    SELECT '/synthetic/' || g || '.mp3', 4000000, now(), 'synthetic-' || g, 'mp3', 'Synthetic ' || g,
                           al.album_artist_id, al.id, 120000 + g %% 240000
                    FROM generate_series(1, %d) g JOIN albums al ON al.title_key = 'synthetic album ' || (1 + g %% 3700)""".formatted(add));
            sql.execute("""
                    INSERT INTO sonic_analyses (track_id, analyzer_version, status, decoder, content_key, duration_ms, analysis_ms)
                    SELECT t.id, v.version, 'ok', 'synthetic', t.content_key, t.duration_ms, 0
                    FROM tracks t, (SELECT max(analyzer_version) AS version FROM sonic_analyses) v
                    WHERE t.file_path LIKE '/synthetic/%'""");
            sql.execute("""
                    INSERT INTO sonic_segments (track_id, analyzer_version, segment, start_ms, length_ms, features)
                    SELECT a.track_id, a.analyzer_version, s.segment, 0, 30000,
                           ARRAY(SELECT (random() * 100 + a.track_id * 0)::real FROM generate_series(1, d.features))
                    FROM sonic_analyses a CROSS JOIN (VALUES ('beginning'), ('middle'), ('end'), ('average')) AS s (segment)
                    -- as many features as the real analyses have: the index ignores a vector of another length
                    CROSS JOIN (SELECT max(array_length(features, 1)) AS features FROM sonic_segments) d
                    WHERE a.decoder = 'synthetic'""");
            db.commit();
        }
    }

    private void awaitIndexed(int tracks) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        await(WAIT, () -> {
            HttpResponse<String> refreshed = http.send(HttpRequest.newBuilder(URI.create(base + "/api/index/refresh"))
                    .header("X-Api-Key", API_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return refreshed.body();
        }, body -> body.contains("\"analysedTracks\":" + tracks));
    }

    private String artistOf(String trackId) throws IOException, InterruptedException {
        HttpResponse<String> track = get("/api/tracks/" + trackId);
        assertThat(track.statusCode()).isEqualTo(200);
        return track.body().replaceAll("(?s).*?\"artistId\":(\\d+).*", "$1");
    }

    private static int warmCount(String map) {
        return Integer.parseInt(map.replaceAll("(?s).*?\"count\":(\\d+).*", "$1"));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void budget(String what, double value, String unit, double limit) {
        // a time says something about the app only when the machine is not several times overcommitted
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                / Runtime.getRuntime().availableProcessors();
        budget(what, value, unit, limit, load < 2);
    }

    private void budget(String what, double value, String unit, double limit, boolean asserted) {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String line = String.format(Locale.ROOT, "%s: %.1f %s (budget %.0f %s; load average %.1f%s)", what, value, unit, limit,
                unit, load, asserted ? "" : ", not asserted");
        budgets.add(line);
        System.out.println("[budget] " + line);
        if (asserted) {
            assertThat(value).as(line).isLessThanOrEqualTo(limit);
        }
    }

    /** The file Chromium saved, once complete (no .crdownload left); a failure says what the folder and the page held. */
    private Path awaitDownload() throws IOException, InterruptedException {
        try {
            return await(WAIT, () -> {
                try (var files = Files.list(downloads)) {
                    List<Path> all = files.toList();
                    return all.stream().anyMatch(p -> p.toString().endsWith(".crdownload")) ? null
                            : all.stream().filter(p -> p.toString().endsWith(".m3u8")).findFirst().orElse(null);
                }
            }, p -> p != null);
        } catch (AssertionError e) {
            try (var files = Files.list(downloads)) {
                throw new AssertionError("no M3U downloaded into " + downloads + " (holds " + files.toList() + "); the page's error: "
                        + text("#error"), e);
            }
        }
    }

    private void assertNoConsoleErrors() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                // the 401s that ask for the key (the scan started without it, then with a wrong one) are the flow working; any other is not
                .filter(m -> !(m.contains("/api/scans ") && m.contains(" 401")))
                .toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    private WebElement awaitVisible(String css) throws InterruptedException {
        try {
            return await(WAIT, () -> browser.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst()
                    .orElse(null), e -> e != null);
        } catch (AssertionError e) {
            // "last: null" alone does not say which step or why: name the element and the problem the page shows
            throw new AssertionError("never visible: " + css + "; the page's error: " + text("#error"), e);
        }
    }

    private void awaitRun(String kind, String status) throws InterruptedException {
        await(WAIT, () -> attribute("tr[data-run=" + kind + "]", "data-status"), status::equals);
    }

    private void click(String css) throws InterruptedException {
        awaitVisible(css).click();
    }

    private String text(String css) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private String attribute(String css, String name) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0).getAttribute(name);
    }

    private void shot(String name) throws IOException {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
