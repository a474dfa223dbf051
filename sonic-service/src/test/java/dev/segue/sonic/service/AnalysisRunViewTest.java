package dev.segue.sonic.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.segue.sonic.analysis.LibraryFixture;
import dev.segue.sonic.features.FeatureLayout;
import dev.segue.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What GET /api/analysis/runs/{id} reports, on runs whose timestamps and counters the test sets. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class AnalysisRunViewTest {

    @Inject
    AgroalDataSource dataSource;

    LibraryFixture library;
    final List<Long> tracks = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        library = new LibraryFixture(dataSource);
    }

    @AfterEach
    void tearDown() throws Exception {
        library.execute("DELETE FROM sonic_claims WHERE track_id = ANY(?)", (Object) tracks.toArray(Long[]::new));
        library.markMissing(tracks);
    }

    @Test
    void runningRunReportsRateRemainingAndEta() throws Exception {
        // another replica holds the run's tracks under live leases, so it stays running untouched here
        tracks.add(library.track(library.dir().resolve("held-1.flac"), 200_000L));
        tracks.add(library.track(library.dir().resolve("held-2.flac"), 200_000L));
        for (long id : tracks) {
            library.execute("INSERT INTO sonic_claims (track_id, worker, lease_until)"
                    + " VALUES (?, 'other-replica', now() + interval '10 minutes')", id);
        }
        long runId = library.count("INSERT INTO analysis_runs (scope, status, track_ids, total, done, failed,"
                + " created_at, started_at) VALUES ('track_ids', 'running', ?, 150, 50, 3,"
                + " now() - interval '100 seconds', now() - interval '100 seconds') RETURNING id",
                (Object) tracks.toArray(Long[]::new));
        try {
            JsonPath run = get(runId);
            assertThat(run.getString("status")).isEqualTo("running");
            assertThat(run.getInt("done")).isEqualTo(50);
            assertThat(run.getInt("failed")).isEqualTo(3);
            int remaining = run.getInt("remaining");
            assertThat(remaining).isEqualTo(100);
            assertThat(run.getInt("done") + remaining).isEqualTo(run.getInt("total"));
            // 50 tracks in 100 s, plus however long this test took to get here
            double rate = run.getDouble("ratePerSecond");
            assertThat(rate).isBetween(0.3, 0.5);
            long eta = run.getLong("etaSeconds");
            assertThat(eta).isBetween(200L, 334L);
            assertThat((double) eta).isCloseTo(remaining / rate, within(0.03 * remaining / rate));

            library.execute("UPDATE analysis_runs SET done = 0 WHERE id = ?", runId);
            JsonPath justStarted = get(runId);
            assertThat(justStarted.getDouble("ratePerSecond")).isZero();
            assertThat(justStarted.getInt("remaining")).isEqualTo(150);
            assertThat(justStarted.getMap("$")).as("no rate yet, so no estimate").doesNotContainKey("etaSeconds");
        } finally {
            library.execute("UPDATE analysis_runs SET status = 'cancelled', finished_at = now() WHERE id = ?", runId);
        }
    }

    @Test
    void finishedRunReportsItsAverageRateAndNoEta() throws Exception {
        long runId = library.count("INSERT INTO analysis_runs (scope, status, total, done, failed, created_at,"
                + " started_at, finished_at) VALUES ('pending', 'completed', 30, 30, 2,"
                + " '2024-05-01T10:00:00Z', '2024-05-01T10:00:00Z', '2024-05-01T10:01:00Z') RETURNING id");

        JsonPath run = get(runId);

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getDouble("ratePerSecond")).isEqualTo(0.5);
        assertThat(run.getInt("remaining")).isZero();
        assertThat(run.getInt("done")).isEqualTo(run.getInt("total"));
        assertThat(run.getMap("$")).doesNotContainKey("etaSeconds");
    }

    @Test
    void trackIdsRunListsItsFailuresEvenBehindAHundredNewerOnesOfOtherTracks() throws Exception {
        long own = library.track(library.dir().resolve("own-broken.mp3"), 200_000L);
        tracks.add(own);
        long runId = library.count("INSERT INTO analysis_runs (scope, status, track_ids, total, done, failed,"
                + " created_at, started_at, finished_at) VALUES ('track_ids', 'completed', ?, 1, 1, 1,"
                + " now() - interval '1 hour', now() - interval '1 hour', now() - interval '50 minutes') RETURNING id",
                (Object) new Long[] {own});
        failedAnalysis(own, "its own failure", "55 minutes");
        for (int i = 0; i < 100; i++) {
            long other = library.track(library.dir().resolve("other-broken-" + i + ".mp3"), 200_000L);
            tracks.add(other);
            failedAnalysis(other, "someone else's failure", "54 minutes");
        }

        JsonPath run = get(runId);

        assertThat(run.getList("failures.trackId", Long.class)).containsExactly(own);
        assertThat(run.getString("failures[0].error")).isEqualTo("its own failure");
        assertThat(run.getString("failures[0].status")).isEqualTo("failed");
        assertThat(run.getString("failures[0].path")).endsWith("own-broken.mp3");
    }

    private void failedAnalysis(long trackId, String error, String ago) throws Exception {
        library.execute("INSERT INTO sonic_analyses (track_id, analyzer_version, status, error, decoder, analyzed_at)"
                + " VALUES (?, ?, 'failed', ?, 'ffmpeg', now() - interval '" + ago + "')", trackId,
                FeatureLayout.ANALYZER_VERSION, error);
    }

    private static JsonPath get(long runId) {
        return given().get("/api/analysis/runs/{id}", runId).then().statusCode(200).extract().jsonPath();
    }
}
