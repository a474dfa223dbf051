package dev.segue.sonic.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.sonic.analysis.LibraryFixture;
import dev.segue.sonic.analysis.TrackAnalyzer;
import dev.segue.sonic.service.AnalysisRunService;
import dev.segue.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Claims by concurrent transactions, as several replicas make them at the same moment. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class ClaimConcurrencyTest {

    private static final int CLAIMERS = 4;
    private static final int PER_CLAIM = 3;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ClaimRepository repository;

    @Inject
    AnalysisRunService runs;

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
    void openClaimTransactionsNeitherBlockNorOverlapAndTogetherCoverEveryTrack() throws Exception {
        assertThat(runs.active()).as("no run may be active, or the service's own workers would claim too").isEmpty();
        for (int i = 0; i < CLAIMERS * PER_CLAIM; i++) {
            tracks.add(library.track(library.dir().resolve("claim-" + i + ".flac"), 200_000L));
        }
        WorkScope scope = new WorkScope(tracks.toArray(Long[]::new), false, false, null);
        // no transaction commits before every one has claimed: each claim runs while the others hold
        // their row locks and uncommitted claims, which a claim without SKIP LOCKED would wait for
        CyclicBarrier allClaimed = new CyclicBarrier(CLAIMERS);
        ExecutorService pool = Executors.newFixedThreadPool(CLAIMERS);
        try {
            List<Future<List<Long>>> claims = new ArrayList<>();
            for (int n = 0; n < CLAIMERS; n++) {
                String worker = "replica-" + n;
                claims.add(pool.submit(() -> QuarkusTransaction.requiringNew().timeout(60).call(() -> {
                    failInsteadOfWaiting();
                    List<Long> mine = repository.claim(scope, "ffmpeg", worker, Duration.ofMinutes(5), PER_CLAIM)
                            .stream().map(TrackRef::id).toList();
                    allClaimed.await(30, TimeUnit.SECONDS);
                    return mine;
                })));
            }
            Set<Long> covered = new HashSet<>();
            for (Future<List<Long>> claim : claims) {
                List<Long> mine = claim.get(60, TimeUnit.SECONDS);
                assertThat(mine).hasSize(PER_CLAIM);
                for (Long id : mine) {
                    assertThat(covered.add(id)).as("track %d claimed twice", id).isTrue();
                }
            }
            assertThat(covered).containsExactlyInAnyOrderElementsOf(tracks);
        } finally {
            pool.shutdownNow();
        }
        assertThat(library.count("SELECT count(DISTINCT track_id) FROM sonic_claims WHERE track_id = ANY(?)"
                + " AND worker LIKE 'replica-%' AND lease_until > now()", (Object) tracks.toArray(Long[]::new)))
                .isEqualTo(tracks.size());
        assertThat(repository.claim(scope, "ffmpeg", "late-replica", Duration.ofMinutes(5), 100))
                .as("every track is under a live lease").isEmpty();
    }

    @Test
    void aTrackTakenOverAfterItsLeaseRanOutCountsOnceForItsRun() throws Exception {
        long id = library.track(library.dir().resolve("taken-over.flac"), 200_000L);
        tracks.add(id);
        // its first worker was held up (a database outage) beyond the lease
        library.execute("INSERT INTO sonic_claims (track_id, worker, claimed_at, lease_until)"
                + " VALUES (?, 'held-up', now() - interval '3 minutes', now() - interval '1 minute')", id);
        WorkScope scope = new WorkScope(new Long[] {id}, false, false, null);
        List<TrackRef> taken = repository.claim(scope, "ffmpeg", "taker", Duration.ofMinutes(2), 1);
        assertThat(taken).extracting(TrackRef::id).containsExactly(id);
        long runId = library.count("INSERT INTO analysis_runs (scope, status, track_ids, total, done, failed, created_at,"
                + " finished_at) VALUES ('track_ids', 'cancelled', ?, 1, 0, 0, now(), now()) RETURNING id",
                (Object) new Long[] {id});
        TrackAnalyzer.Outcome outcome = new TrackAnalyzer.Outcome(TrackAnalyzer.OK, null, "ffmpeg", 200_000L, 10, List.of());

        runs.recordResult(runId, taken.getFirst(), outcome, "held-up");
        assertThat(library.count("SELECT done FROM analysis_runs WHERE id = ?", runId))
                .as("the claim is the taker's now: it counts the track").isZero();
        runs.recordResult(runId, taken.getFirst(), outcome, "taker");

        assertThat(library.count("SELECT done FROM analysis_runs WHERE id = ?", runId)).isEqualTo(1);
        assertThat(library.count("SELECT count(*) FROM sonic_analyses WHERE track_id = ?", id)).isEqualTo(1);
        assertThat(library.count("SELECT count(*) FROM sonic_claims WHERE track_id = ?", id)).isZero();
    }

    /** A claim that waits for another transaction's lock fails after 2 s instead of hanging the test. */
    private void failInsteadOfWaiting() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '2s'");
            s.execute("SET LOCAL statement_timeout = '10s'");
        }
        // the repository gets the same connection inside this transaction, so the timeout applies to it
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW lock_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("2s");
        }
    }
}
