package dev.segue.sonic.analysis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.segue.schema.sonic.SonicLayout;
import dev.segue.sonic.features.FeatureLayout;
import dev.segue.sonic.repository.AnalysisRepository;
import dev.segue.sonic.repository.ClaimRepository;
import dev.segue.sonic.repository.TrackRef;
import dev.segue.sonic.repository.WorkScope;
import dev.segue.sonic.service.AnalysisRunService;
import dev.segue.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import dev.segue.testing.RunConvention;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class SonicApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AnalysisRepository repository;

    @Inject
    ClaimRepository claims;

    @Inject
    AnalysisRunService runs;

    LibraryFixture library;

    @BeforeEach
    void setUp() throws Exception {
        library = new LibraryFixture(dataSource);
    }

    @Test
    void analyzeNowReturnsNamedSegmentsAndStoresVectors() throws Exception {
        long id = library.clickTrack(120);

        JsonPath json = given().post("/api/tracks/{id}/analyze", id).then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("trackId", equalTo((int) id))
                .body("status", equalTo("ok"))
                .body("analyzerVersion", equalTo(FeatureLayout.ANALYZER_VERSION))
                .body("current", equalTo(true))
                .body("segments.segment", equalTo(List.of("beginning", "middle", "end", "average")))
                .extract().jsonPath();
        Map<String, Float> average = json.getMap("segments[3].features", String.class, Float.class);
        assertThat(average.keySet()).containsExactlyInAnyOrderElementsOf(FeatureLayout.NAMES);
        String body = given().get("/api/tracks/{id}/sonic", id).asString();
        assertThat(body.indexOf("\"loudness_db\"")).isLessThan(body.indexOf("\"zcr\""));
        assertThat(body.indexOf("\"chroma_b\"")).isLessThan(body.indexOf("\"onset_rate\""));
        assertThat((double) average.get("tempo_bpm")).isCloseTo(120, within(2.0));
        assertThat(json.getDouble("segments[0].tempoBpm")).isCloseTo(120, within(2.0));

        given().get("/api/tracks/{id}/sonic", id).then().statusCode(200)
                .body("status", equalTo("ok"))
                .body("segments", hasSize(4))
                .body("segments[1].features.tempo_bpm", equalTo(json.getFloat("segments[1].features.tempo_bpm")));
        assertThat(library.count("SELECT count(*) FROM sonic_segments WHERE track_id = ? AND analyzer_version = ?"
                + " AND array_length(features, 1) = ?", id, FeatureLayout.ANALYZER_VERSION, FeatureLayout.SIZE))
                .isEqualTo(4);
    }

    @Test
    void analyzeAnswers404And422() throws Exception {
        given().post("/api/tracks/{id}/analyze", Long.MAX_VALUE).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/tracks/{id}/sonic", Long.MAX_VALUE).then().statusCode(404)
                .contentType("application/problem+json");

        long unsupported = library.track(Files.writeString(library.dir().resolve("readme.txt"), "not audio"), null);
        given().post("/api/tracks/{id}/analyze", unsupported).then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("unsupported"));
        given().get("/api/tracks/{id}/sonic", unsupported).then().statusCode(200)
                .body("status", equalTo("unsupported"));

        long empty = library.track(Files.createFile(library.dir().resolve("empty.flac")), null);
        given().post("/api/tracks/{id}/analyze", empty).then().statusCode(422)
                .body("detail", containsString("empty"));
    }

    @Test
    void runAnalysesItsTracksAndReportsFailures() throws Exception {
        long a = library.clickTrack(90);
        long b = library.clickTrack(140);
        long broken = library.track(Files.write(library.dir().resolve("broken.mp3"), new byte[4096]), 180_000L);
        long missingFile = library.track(library.dir().resolve("gone.ogg"), 200_000L);

        Response started = given().contentType(ContentType.JSON)
                .body(Map.of("scope", "trackIds", "trackIds", List.of(a, b, broken, missingFile)))
                .post("/api/analysis/runs");
        started.then().statusCode(202).body("total", equalTo(4)).body("status", equalTo("running"));
        String location = started.getHeader("Location");
        assertThat(location).contains("/api/analysis/runs/" + started.jsonPath().getLong("id"));

        JsonPath run = awaitFinished(location);
        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getInt("done")).isEqualTo(4);
        assertThat(run.getInt("failed")).isEqualTo(2);
        assertThat(run.getList("failures.trackId", Long.class)).containsExactlyInAnyOrder(broken, missingFile);
        assertThat(run.getList("failures.error", String.class)).allSatisfy(e -> assertThat(e).isNotBlank());

        float tempo = given().get("/api/tracks/{id}/sonic", b).then().statusCode(200)
                .extract().jsonPath().getFloat("segments[3].features.tempo_bpm");
        assertThat((double) tempo).isCloseTo(140, within(2.0));
        given().get("/api/analysis/runs").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(run.getInt("id")));

        // an analysed track has nothing left to do; a failed one named explicitly is retried once
        given().contentType(ContentType.JSON).body(Map.of("scope", "trackIds", "trackIds", List.of(a)))
                .post("/api/analysis/runs").then().statusCode(202)
                .body("total", equalTo(0)).body("status", equalTo("completed"));
        String retried = given().contentType(ContentType.JSON)
                .body(Map.of("scope", "trackIds", "trackIds", List.of(broken)))
                .post("/api/analysis/runs").then().statusCode(202).body("total", equalTo(1))
                .extract().header("Location");
        JsonPath retry = awaitFinished(retried);
        assertThat(retry.getString("status")).isEqualTo("completed");
        assertThat(retry.getInt("failed")).isEqualTo(1);
        // a pending-scope view of the library no longer counts the failed track
        assertThat(repository.countWork(new WorkScope(new Long[] {broken}, false, false, null), "ffmpeg")).isZero();
        // force re-analyses them
        String forced = given().contentType(ContentType.JSON)
                .body(Map.of("scope", "trackIds", "trackIds", List.of(a), "force", true))
                .post("/api/analysis/runs").then().statusCode(202).body("total", equalTo(1))
                .extract().header("Location");
        assertThat(awaitFinished(forced).getInt("done")).isEqualTo(1);
    }

    @Test
    void secondActiveRunIsRejectedAndRunsCanBeCancelled() throws Exception {
        // a queued run the workers leave alone stands in for a run in progress
        long runId = library.count("INSERT INTO analysis_runs (scope, status, track_ids) VALUES"
                + " ('track_ids', 'queued', '{-1}') RETURNING id");
        try {
            RunConvention.assertNamesActiveRun(given().contentType(ContentType.JSON).body(Map.of("scope", "pending"))
                    .post("/api/analysis/runs").then(), "/api/analysis/runs", runId);
        } finally {
            given().delete("/api/analysis/runs/{id}", runId).then().statusCode(200)
                    .body("status", equalTo("cancelled"));
        }
        given().get("/api/analysis/runs/{id}", Long.MAX_VALUE).then().statusCode(404);
    }

    @Test
    void runsAreListedNewestFirstInPages() throws Exception {
        for (int i = 0; i < 4; i++) {
            library.count("INSERT INTO analysis_runs (scope, status, finished_at) VALUES ('pending', 'completed', now()) RETURNING id");
        }
        RunConvention.assertListedNewestFirstInPages("/api/analysis/runs");
    }

    @Test
    void invalidRunRequestsAreProblems() {
        given().contentType(ContentType.JSON).body(Map.of("scope", "everything"))
                .post("/api/analysis/runs").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("scope", "trackIds"))
                .post("/api/analysis/runs").then().statusCode(400)
                .body("detail", containsString("trackIds"));
    }

    @Test
    void claimsAreExclusiveAndExpiredLeasesAreTakenOver() throws Exception {
        long first = library.clickTrack(100);
        long second = library.clickTrack(100);
        long abandoned = library.clickTrack(100);
        library.execute("INSERT INTO sonic_claims (track_id, worker, lease_until) VALUES (?, 'dead-worker',"
                + " now() - interval '1 minute')", abandoned);
        WorkScope scope = new WorkScope(new Long[] {first, second, abandoned}, false, false, null);

        List<TrackRef> a = claims.claim(scope, "ffmpeg", "worker-a", Duration.ofMinutes(5), 2);
        List<TrackRef> b = claims.claim(scope, "ffmpeg", "worker-b", Duration.ofMinutes(5), 5);
        List<TrackRef> c = claims.claim(scope, "ffmpeg", "worker-c", Duration.ofMinutes(5), 5);

        assertThat(a).extracting(TrackRef::id).containsExactly(first, second);
        assertThat(b).extracting(TrackRef::id).containsExactly(abandoned);
        assertThat(c).isEmpty();
        assertThat(library.count("SELECT count(*) FROM sonic_claims WHERE track_id = ? AND worker = 'worker-b'",
                abandoned)).isEqualTo(1);
        claims.releaseClaims("worker-a", List.of(first, second));
        claims.releaseClaims("worker-b", List.of(abandoned));
    }

    @Test
    void upgradeKeepsOldVersionUntilNewOneIsWrittenAndContentChangeRequeues() throws Exception {
        long id = library.clickTrack(120);
        olderAnalysis(id);
        WorkScope scope = new WorkScope(new Long[] {id}, false, false, null);
        assertThat(repository.countWork(scope, "ffmpeg")).isEqualTo(1);
        given().get("/api/tracks/{id}/sonic", id).then().statusCode(200)
                .body("status", equalTo("pending")).body("analyzerVersion", equalTo(0));

        given().post("/api/tracks/{id}/analyze", id).then().statusCode(200).body("analyzerVersion", equalTo(FeatureLayout.ANALYZER_VERSION));
        assertThat(repository.countWork(scope, "ffmpeg")).isZero();
        runs.retireOlderVersions();
        assertThat(olderRows(id)).as("every track is upgraded: the old version goes").isZero();

        library.execute("UPDATE tracks SET content_key = 'changed-" + id + "' WHERE id = ?", id);
        assertThat(repository.countWork(scope, "ffmpeg")).isEqualTo(1);
        given().get("/api/tracks/{id}/sonic", id).then().statusCode(200).body("current", equalTo(false));
    }

    @Test
    void olderVersionsStayForReadersUntilEveryPresentTrackIsUpgraded() throws Exception {
        long first = library.clickTrack(120);
        long second = library.clickTrack(90);
        long gone = library.clickTrack(140);
        olderAnalysis(first);
        olderAnalysis(second);
        olderAnalysis(gone);
        library.execute("UPDATE tracks SET status = 'missing', missing_since = now() WHERE id = ?", gone);
        try {
            given().post("/api/tracks/{id}/analyze", first).then().statusCode(200).body("analyzerVersion", equalTo(FeatureLayout.ANALYZER_VERSION));
            runs.retireOlderVersions();
            assertThat(olderRows(first)).as("the second track still needs the old version's readers").isEqualTo(1);
            assertThat(olderRows(second)).isEqualTo(1);

            given().post("/api/tracks/{id}/analyze", second).then().statusCode(200).body("analyzerVersion", equalTo(FeatureLayout.ANALYZER_VERSION));
            runs.retireOlderVersions();
            assertThat(olderRows(first)).isZero();
            assertThat(olderRows(second)).isZero();
            assertThat(library.count("SELECT count(*) FROM sonic_segments WHERE track_id IN (?, ?) AND analyzer_version = 0",
                    first, second)).isZero();
            assertThat(olderRows(gone)).as("readers switched: kept, it would send them back when the track returns")
                    .isZero();
        } finally {
            // a track left with only the old version would hold every later upgrade of this database back
            library.execute("UPDATE tracks SET status = 'missing', missing_since = now() WHERE id IN (?, ?)", first, second);
        }
    }

    /**
     * The upgrade from version 1 (44 features) to version 2 as a library meets it: while version 2 analyses run,
     * readers are still told version 1 ({@code sonic_readable_versions}) and every version-1 vector stays as it
     * was; once every present track has a version-2 analysis, version 2 is readable and version 1 goes.
     */
    @Test
    void aLibraryOfVersion1VectorsIsStillReadWhileVersion2AnalysesRun() throws Exception {
        assertThat(FeatureLayout.ANALYZER_VERSION).isEqualTo(2);
        long first = library.clickTrack(120);
        long second = library.clickTrack(100);
        for (long id : new long[] {first, second}) {
            library.execute("INSERT INTO sonic_analyses (track_id, analyzer_version, status, decoder, content_key)"
                    + " SELECT id, 1, 'ok', 'ffmpeg', content_key FROM tracks WHERE id = ?", id);
            for (String segment : List.of("beginning", "middle", "end", "average")) {
                library.execute("INSERT INTO sonic_segments (track_id, analyzer_version, segment, features)"
                        + " VALUES (?, 1, ?, array_fill(0.5::real, ARRAY[?]))", id, segment, SonicLayout.V1.size());
            }
        }
        String newestReadable = "SELECT coalesce(max(analyzer_version), 0) FROM sonic_readable_versions";
        String v1Vectors = "SELECT count(*) FROM sonic_segments WHERE track_id IN (?, ?) AND analyzer_version = 1"
                + " AND array_length(features, 1) = 44";
        try {
            assertThat(library.count(newestReadable)).isEqualTo(1);
            WorkScope scope = new WorkScope(new Long[] {first, second}, false, false, null);
            assertThat(repository.countWork(scope, "ffmpeg")).as("version 1 vectors are older: both are pending").isEqualTo(2);

            given().post("/api/tracks/{id}/analyze", first).then().statusCode(200).body("analyzerVersion", equalTo(2))
                    .body("segments[3].features.contrast_4", notNullValue())
                    .body("segments[3].features.mfcc_delta_13", notNullValue());
            runs.retireOlderVersions();
            assertThat(library.count(newestReadable)).as("half the library has version 2: readers stay on 1").isEqualTo(1);
            assertThat(library.count(v1Vectors, first, second)).as("every version-1 vector is kept").isEqualTo(8);

            given().post("/api/tracks/{id}/analyze", second).then().statusCode(200).body("analyzerVersion", equalTo(2));
            runs.retireOlderVersions();
            assertThat(library.count(newestReadable)).isEqualTo(2);
            assertThat(library.count(v1Vectors, first, second)).isZero();
            assertThat(library.count("SELECT count(*) FROM sonic_segments WHERE track_id IN (?, ?) AND analyzer_version = 2"
                    + " AND array_length(features, 1) = ?", first, second, SonicLayout.V2.size())).isEqualTo(8);
        } finally {
            library.execute("UPDATE tracks SET status = 'missing', missing_since = now() WHERE id IN (?, ?)", first, second);
        }
    }

    /** An analysis by an older analyzer version, as an upgrade finds it. */
    private void olderAnalysis(long trackId) throws Exception {
        library.execute("INSERT INTO sonic_analyses (track_id, analyzer_version, status, content_key) SELECT id, 0,"
                + " 'ok', content_key FROM tracks WHERE id = ?", trackId);
        library.execute("INSERT INTO sonic_segments (track_id, analyzer_version, segment, features)"
                + " VALUES (?, 0, 'average', '{1,2,3}')", trackId);
    }

    private long olderRows(long trackId) throws Exception {
        return library.count("SELECT count(*) FROM sonic_analyses WHERE track_id = ? AND analyzer_version = 0", trackId);
    }

    @Test
    void statsReportCountsAndDecoders() {
        given().get("/api/analysis/stats").then().statusCode(200)
                .body("analyzerVersion", equalTo(FeatureLayout.ANALYZER_VERSION))
                .body("decoders.name", equalTo(List.of("ffmpeg", "java")))
                .body("decoders.find { it.name == 'java' }.available", equalTo(true))
                .body("workerThreads", org.hamcrest.Matchers.greaterThan(0));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItem("Audio decoders"));
    }

    private static JsonPath awaitFinished(String location) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonPath run = given().get(location).then().statusCode(200).extract().jsonPath();
            if (!run.getString("status").equals("running") || System.currentTimeMillis() > deadline) {
                return run;
            }
            Thread.sleep(100);
        }
    }
}
