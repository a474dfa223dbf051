package dev.segue.enrichment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.segue.enrichment.client.RateLimiter;
import dev.segue.testing.PostgresTestResource;
import dev.segue.testing.TestDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test of the normal suite: enriches a synthetic library of 2,100 artists and
 * 3,757 albums against a counting stub of both services and prints calls per source, the peak
 * request rate over any 1 s and 10 s window, and the wall time projected at the real limits.
 * Run with {@code bench/enrichment/run.sh} (sets {@code -Dsegue.bench=true} and a rate scale).
 *
 * <p>Library shape (deterministic): 85 % of artists carry an MBID in their tags, 10 % are found by
 * search, 5 % are unknown to both services; 1,300 album artists own 3,457 albums, 20 of them have
 * 150 release groups on MusicBrainz (two browse pages); 300 compilations by Various Artists, 85 %
 * with a release-group MBID; Last.fm does not know 10 % of the artist MBIDs (retried by name).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "segue.bench", matches = "true")
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourcesStub.class, scope = TestResourceScope.GLOBAL)
class EnrichmentBenchmark {

    /** {@code -Dsegue.bench.artists=N} shrinks the library proportionally (a spot check at the real limits). */
    static final int ARTISTS = Integer.getInteger("segue.bench.artists", 2_100);
    static final int ALBUM_ARTISTS = ARTISTS * 1_300 / 2_100;
    static final int THREE_ALBUM_ARTISTS = ARTISTS * 857 / 2_100;
    static final int COMPILATIONS = ARTISTS * 300 / 2_100;
    static final String VARIOUS_ARTISTS = "89ad4ac3-39f7-470e-963a-56509c546377";
    static final String[] GENRES = {"rock", "indie rock", "electronic", "hip hop", "jazz", "folk", "heavy metal", "pop", "ambient",
            "techno", "soul", "punk", "shoegaze", "trip hop"};

    record Artist(int i, String name, String tagMbid, String realMbid, boolean lastFmKnowsMbid, int releaseGroups) {
    }

    record Album(int i, String title, Artist artist, String tagRg, String realRg) {
    }

    final List<Artist> artists = new ArrayList<>();
    final List<Album> albums = new ArrayList<>();
    final Map<String, Artist> byMbid = new HashMap<>();
    final Map<String, Artist> byName = new HashMap<>();
    final Map<String, Album> byRg = new HashMap<>();
    final Map<Artist, List<Album>> albumsOf = new HashMap<>();

    @Test
    void enrichSyntheticLibrary() throws Exception {
        String run = LibraryRows.unique();
        buildLibrary(run);
        long insertStart = System.nanoTime();
        insert();
        double insertSeconds = (System.nanoTime() - insertStart) / 1e9;

        SourcesStub.server().resetRequests();
        SourcesStub.server().stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withTransformers(BenchModelTransformer.NAME)));
        BenchModelTransformer.use(this::answer);

        long start = System.nanoTime();
        long id = EnrichmentRunTest.startRun("{\"scope\":\"all\"}");
        JsonPath result = awaitRun(id);
        double wall = (System.nanoTime() - start) / 1e9;
        BenchModelTransformer.use(null);

        List<Long> lastFm = new ArrayList<>();
        List<Long> musicBrainz = new ArrayList<>();
        Map<String, AtomicInteger> kinds = new TreeMap<>();
        for (ServeEvent e : SourcesStub.server().getAllServeEvents()) {
            String url = e.getRequest().getUrl();
            boolean mb = url.startsWith("/ws/2");
            (mb ? musicBrainz : lastFm).add(e.getRequest().getLoggedDate().getTime());
            kinds.computeIfAbsent(kind(url), k -> new AtomicInteger()).incrementAndGet();
        }
        double mbRate = SourcesStub.MUSICBRAINZ_RATE;
        double lfRate = SourcesStub.LASTFM_RATE;
        int mbPeak1 = RateWindows.peak(musicBrainz, 1_000);
        int mbPeak10 = RateWindows.peak(musicBrainz, 10_000);
        int lfPeak1 = RateWindows.peak(lastFm, 1_000);
        int lfPeak10 = RateWindows.peak(lastFm, 10_000);
        // at the real limits each request takes the limiter's spacing (MusicBrainz: 1 s after the previous answer, plus its latency)
        double projectedMb = musicBrainz.size() * new RateLimiter(1.0, true).interval().toNanos() / 1e9;
        double projectedLf = lastFm.size() * new RateLimiter(5.0).interval().toNanos() / 1e9;
        JsonPath stats = given().get("/api/enrichment/stats").then().statusCode(200).extract().jsonPath();

        StringBuilder report = new StringBuilder();
        report.append("Segue enrichment benchmark\n");
        report.append(String.format(Locale.ROOT, "library: %d artists, %d albums (inserted in %.1f s)%n", artists.size(), albums.size(), insertSeconds));
        report.append(String.format(Locale.ROOT, "run %d: status %s, wall time %.1f s at scaled limits MusicBrainz %.0f/s, Last.fm %.0f/s%n",
                id, result.getString("status"), wall, mbRate, lfRate));
        report.append(String.format(Locale.ROOT, "calls: MusicBrainz %d, Last.fm %d, total %d (target <= %d)%n",
                musicBrainz.size(), lastFm.size(), musicBrainz.size() + lastFm.size(), callTarget()));
        kinds.forEach((k, n) -> report.append(String.format(Locale.ROOT, "  %-32s %6d%n", k, n.get())));
        report.append(String.format(Locale.ROOT, "peak MusicBrainz: %d in any 1 s (limit %.0f), %d in any 10 s (limit %.0f)%n",
                mbPeak1, mbRate, mbPeak10, mbRate * 10));
        report.append(String.format(Locale.ROOT, "peak Last.fm:     %d in any 1 s (limit %.0f), %d in any 10 s (limit %.0f)%n",
                lfPeak1, lfRate, lfPeak10, lfRate * 10));
        report.append(String.format(Locale.ROOT,
                "projected at the real limits (MusicBrainz 1 s after each answer + its latency, Last.fm 1/5 s + 15 %%), in parallel: MusicBrainz %.0f s + latency, Last.fm %.0f s -> %.1f min + MusicBrainz latency%n",
                projectedMb, projectedLf, Math.max(projectedMb, projectedLf) / 60));
        report.append(String.format(Locale.ROOT, "coverage: artists %d/%d, albums %d/%d%n",
                stats.getInt("entities.artists.withGenres"), stats.getInt("entities.artists.total"),
                stats.getInt("entities.albums.withGenres"), stats.getInt("entities.albums.total")));
        report.append("progress: ").append(result.getMap("progress")).append('\n');
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmark-enrichment-" + ARTISTS + ".txt"), report);

        assertThat(result.getString("status")).isEqualTo("completed");
        assertThat(musicBrainz.size() + lastFm.size()).isLessThanOrEqualTo(callTarget());
        assertThat(mbPeak1).isLessThanOrEqualTo((int) mbRate);
        assertThat(lfPeak1).isLessThanOrEqualTo((int) lfRate);
        assertThat(mbPeak10).isLessThanOrEqualTo((int) (mbRate * 10));
        assertThat(lfPeak10).isLessThanOrEqualTo((int) (lfRate * 10));
    }

    /** 10,500 calls for the reference library, proportionally less for a smaller one. */
    static int callTarget() {
        return 10_500 * ARTISTS / 2_100;
    }

    void buildLibrary(String run) {
        for (int i = 0; i < ARTISTS - 1; i++) {
            int bucket = i % 100;
            String real = bucket < 95 ? uuid("artist", i, run) : null;
            Artist a = new Artist(i, String.format(Locale.ROOT, "Bench Artist %04d %s", i, run), bucket < 85 ? real : null, real,
                    i % 10 != 3, i < ALBUM_ARTISTS && i % 65 == 0 ? 150 : 8);
            artists.add(a);
        }
        Artist various = new Artist(ARTISTS - 1, "Various Artists " + run, VARIOUS_ARTISTS, VARIOUS_ARTISTS, true, 0);
        artists.add(various);
        int n = 0;
        for (int i = 0; i < ALBUM_ARTISTS; i++) {
            Artist a = artists.get(i);
            for (int k = 0; k < (i < THREE_ALBUM_ARTISTS ? 3 : 2); k++) {
                String real = a.realMbid() == null ? null : uuid("rg", n, run);
                String title = (n % 7 == 0 ? "Bench Album %05d (Deluxe Edition)" : "Bench Album %05d").formatted(n);
                albums.add(new Album(n, title, a, n % 100 < 85 ? real : null, real));
                n++;
            }
        }
        for (int c = 0; c < COMPILATIONS; c++) {
            String real = uuid("rg", n, run);
            albums.add(new Album(n, "Bench Compilation %03d".formatted(c), various, c % 100 < 85 ? real : null, real));
            n++;
        }
        for (Artist a : artists) {
            if (a.realMbid() != null) {
                byMbid.put(a.realMbid(), a);
            }
            byName.put(a.name(), a);
        }
        for (Album al : albums) {
            if (al.realRg() != null) {
                byRg.put(al.realRg(), al);
            }
            albumsOf.computeIfAbsent(al.artist(), k -> new ArrayList<>()).add(al);
        }
    }

    static String uuid(String kind, int i, String run) {
        return UUID.nameUUIDFromBytes((kind + i + run).getBytes(StandardCharsets.UTF_8)).toString();
    }

    void insert() throws SQLException {
        Map<Artist, Long> ids = new HashMap<>();
        try (Connection c = TestDatabase.get().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO artists (name, name_key, sort_name, mbid) VALUES (?, ?, ?, ?::uuid) RETURNING id")) {
                for (Artist a : artists) {
                    ps.setString(1, a.name());
                    ps.setString(2, a.name().toLowerCase(Locale.ROOT));
                    ps.setString(3, a.name());
                    ps.setString(4, a.tagMbid());
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        ids.put(a, rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO albums (title, title_key, album_artist_id, mbid_release_group) VALUES (?, ?, ?, ?::uuid)")) {
                for (Album al : albums) {
                    ps.setString(1, al.title());
                    ps.setString(2, al.title().toLowerCase(Locale.ROOT));
                    ps.setLong(3, ids.get(al.artist()));
                    ps.setString(4, al.tagRg());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    static String kind(String url) {
        if (url.startsWith("/ws/2/artist?")) {
            return "musicbrainz artist search";
        }
        if (url.startsWith("/ws/2/artist/")) {
            return "musicbrainz artist lookup";
        }
        if (url.startsWith("/ws/2/release-group?")) {
            return "musicbrainz release-group browse";
        }
        if (url.startsWith("/ws/2/release-group/")) {
            return "musicbrainz release-group lookup";
        }
        Map<String, String> q = query(url);
        return "lastfm " + q.getOrDefault("method", "?") + (q.containsKey("mbid") ? " by mbid" : " by name");
    }

    ResponseDefinition answer(ServeEvent event) {
        String url = event.getRequest().getUrl();
        String path = URI.create(url).getRawPath();
        Map<String, String> q = query(url);
        if (path.startsWith("/ws/2/artist/")) {
            Artist a = byMbid.get(path.substring("/ws/2/artist/".length()));
            return a == null ? notFoundMb() : json("{\"id\":\"" + a.realMbid() + "\",\"name\":\"" + a.name() + "\",\"genres\":" + mbGenres(a.i()) + "}");
        }
        if (path.equals("/ws/2/artist")) {
            String name = q.getOrDefault("query", "").replaceFirst("^artist:\"", "").replaceFirst("\"$", "");
            Artist a = byName.get(name);
            return a == null || a.realMbid() == null ? json("{\"count\":0,\"offset\":0,\"artists\":[]}")
                    : json("{\"count\":1,\"offset\":0,\"artists\":[{\"id\":\"" + a.realMbid() + "\",\"name\":\"" + a.name() + "\",\"score\":100}]}");
        }
        if (path.equals("/ws/2/release-group")) {
            Artist a = byMbid.get(q.get("artist"));
            if (a == null) {
                return notFoundMb();
            }
            List<String> groups = new ArrayList<>();
            List<Album> own = albumsOf.getOrDefault(a, List.of());
            for (int k = 0; k < a.releaseGroups() - own.size(); k++) {
                groups.add("{\"id\":\"" + uuid("single", k, a.name()) + "\",\"title\":\"Single " + k + "\",\"genres\":[]}");
            }
            for (Album al : own) {
                groups.add("{\"id\":\"" + al.realRg() + "\",\"title\":\"" + al.title().replace(" (Deluxe Edition)", "") + "\",\"genres\":"
                        + mbGenres(al.i() + 3) + "}");
            }
            int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
            List<String> page = groups.subList(Math.min(offset, groups.size()), Math.min(offset + 100, groups.size()));
            return json("{\"release-group-offset\":" + offset + ",\"release-group-count\":" + groups.size() + ",\"release-groups\":["
                    + String.join(",", page) + "]}");
        }
        if (path.startsWith("/ws/2/release-group/")) {
            Album al = byRg.get(path.substring("/ws/2/release-group/".length()));
            return al == null ? notFoundMb() : json("{\"id\":\"" + al.realRg() + "\",\"genres\":" + mbGenres(al.i() + 5) + "}");
        }
        String method = q.getOrDefault("method", "");
        Artist a = q.containsKey("mbid") ? byMbid.get(q.get("mbid")) : byName.get(q.get("artist"));
        boolean known = a != null && (q.containsKey("mbid") ? a.lastFmKnowsMbid() : a.realMbid() != null);
        if (!known || !(method.equals("artist.gettoptags") || method.equals("album.gettoptags"))) {
            return json("{\"error\":6,\"message\":\"not found\",\"links\":[]}");
        }
        return json(lastFmTags(a.i() + (method.startsWith("album") ? q.getOrDefault("album", "").length() : 0)));
    }

    static String mbGenres(int seed) {
        return "[{\"count\":3,\"name\":\"" + GENRES[seed % GENRES.length] + "\"},{\"count\":1,\"name\":\"" + GENRES[(seed + 4) % GENRES.length] + "\"}]";
    }

    static String lastFmTags(int seed) {
        return "{\"toptags\":{\"tag\":[{\"count\":100,\"name\":\"" + GENRES[seed % GENRES.length] + "\"},{\"count\":\"60\",\"name\":\"seen live\"},"
                + "{\"count\":45,\"name\":\"" + GENRES[(seed + 1) % GENRES.length] + "\"},{\"count\":12,\"name\":\"00s\"}]}}";
    }

    static ResponseDefinition json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body).build();
    }

    static ResponseDefinition notFoundMb() {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("{\"error\":\"Not Found\"}").build();
    }

    static Map<String, String> query(String url) {
        Map<String, String> q = new HashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    static JsonPath awaitRun(long id) throws InterruptedException {
        while (true) {
            JsonPath run = given().get("/api/enrichment/runs/" + id).then().statusCode(200).extract().jsonPath();
            if (!"queued".equals(run.getString("status")) && !"running".equals(run.getString("status"))) {
                return run;
            }
            Thread.sleep(1000);
        }
    }
}
