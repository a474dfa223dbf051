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

    @Test
    void aTrackAnotherWorkerFinishedWhileTheClaimRanIsNotClaimedAgain() throws Exception {
        long held = library.track(library.dir().resolve("held.flac"), 200_000L);
        long fast = library.track(library.dir().resolve("fast.flac"), 200_000L);
        tracks.addAll(List.of(held, fast));
        library.execute("INSERT INTO sonic_claims (track_id, worker, claimed_at, lease_until)"
                + " VALUES (?, 'gone', now() - interval '3 minutes', now() - interval '1 minute')", held);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection releasing = dataSource.getConnection(); Statement sql = releasing.createStatement()) {
            // a worker that is releasing the first track holds its claim row: the claim statement below chooses its
            // tracks from a snapshot taken now, claims the first, and waits there
            releasing.setAutoCommit(false);
            sql.execute("DELETE FROM sonic_claims WHERE track_id = " + held);
            Future<List<TrackRef>> slow = pool.submit(() -> repository.claim(new WorkScope(new Long[] {held, fast}, false,
                    false, null), "ffmpeg", "slow", Duration.ofMinutes(2), 2));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (library.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query LIKE '%INSERT INTO sonic_claims%'") == 0) {
                assertThat(slow.isDone()).as("the claim returned without waiting").isFalse();
                assertThat(System.nanoTime()).as("the claim waits for the release").isLessThan(deadline);
                Thread.sleep(20);
            }
            // meanwhile another worker claims the second track, fails on it at once and releases it
            assertThat(repository.claim(new WorkScope(new Long[] {fast}, false, false, null), "ffmpeg", "quick",
                    Duration.ofMinutes(2), 1)).extracting(TrackRef::id).containsExactly(fast);
            storeFailureAndRelease(fast, "quick");
            releasing.commit();

            assertThat(slow.get(20, TimeUnit.SECONDS)).extracting(TrackRef::id)
                    .as("the second track has its result: claiming it again would analyse it twice").containsExactly(held);
        } finally {
            pool.shutdownNow();
        }
        assertThat(library.count("SELECT count(*) FROM sonic_claims WHERE track_id = ?", fast)).isZero();
        assertThat(library.count("SELECT count(*) FROM sonic_claims WHERE track_id = ? AND worker = 'slow'", held)).isEqualTo(1);
    }

    /** What recording a failed analysis does: the result and the claim's release in one transaction. */
    private void storeFailureAndRelease(long trackId, String worker) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement sql = c.createStatement()) {
            c.setAutoCommit(false);
            sql.execute("INSERT INTO sonic_analyses (track_id, analyzer_version, status, error, decoder, content_key,"
                    + " duration_ms, analysis_ms) SELECT id, " + PendingWork.VERSION + ", 'failed', 'file not found',"
                    + " 'ffmpeg', content_key, NULL, 1 FROM tracks WHERE id = " + trackId);
            sql.execute("DELETE FROM sonic_claims WHERE worker = '" + worker + "' AND track_id = " + trackId);
            c.commit();
        }
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
