package dev.segue.sonic.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.segue.sonic.analysis.LibraryFixture;
import dev.segue.sonic.analysis.DecoderRegistry;
import dev.segue.sonic.config.SonicConfig;
import dev.segue.sonic.features.FeatureLayout;
import dev.segue.sonic.repository.AnalysisRepository;
import dev.segue.sonic.repository.ClaimRepository;
import dev.segue.sonic.repository.TrackRef;
import dev.segue.sonic.repository.WorkScope;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs worked on by the service's pool and by a second replica, cancelled mid-way, and inherited
 * from a dead worker. The gated ffmpeg lets a test hold every worker inside a decode with its claims
 * taken, so what is in flight at a given moment is known exactly rather than raced.
 */
@QuarkusTest
@TestProfile(GatedFfmpegProfile.class)
class AnalysisRunLifecycleTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AnalysisRunService runs;

    @Inject
    AnalysisRepository repository;

    @Inject
    ClaimRepository claims;

    @Inject
    DecoderRegistry decoders;

    @Inject
    SonicConfig config;

    @Inject
    AnalysisWorkerPool pool;

    @Inject
    Scheduler scheduler;

    LibraryFixture library;
    Path gate;

    @BeforeEach
    void setUp() throws Exception {
        library = new LibraryFixture(dataSource);
        gate = GatedFfmpegProfile.gate(config.ffmpegPath());
        assertThat(decoders.selected()).as("the gate holds ffmpeg only: the Java decoder would run past it")
                .hasValueSatisfying(decoder -> assertThat(decoder.name()).isEqualTo("ffmpeg"));
    }

    @AfterEach
    void tearDown() throws Exception {
        Files.deleteIfExists(gate);
        runs.active().ifPresent(run -> runs.cancel(run.id));
    }

    @Test
    void configuredWorkerCountIsUsed() {
        assertThat(pool.threads()).as("segue.sonic.workers=3 in the profile").isEqualTo(3);
    }

    @Test
    void twoReplicasShareARunAndAnalyseEachTrackExactlyOnce() throws Exception {
        AnalysisWorkerPool replica = new AnalysisWorkerPool(runs, claims, repository, decoders, config, dataSource, scheduler);
        assertThat(replica.workerId()).isNotEqualTo(pool.workerId());
        int workers = config.workers().getAsInt();
        Files.createFile(gate);
        List<Long> tracks = shortTracks(2 * workers * config.claimBatch() + 4);
        replica.onStart(new StartupEvent());
        try {
            String location = start(Map.of("scope", "trackIds", "trackIds", tracks));
            replica.wake();

            // every thread of both replicas waits inside a decode with a batch of its own; a batch can be short
            // of claim-batch when two claims raced for the same rows (the loser skips what the winner committed)
            await(() -> GatedFfmpegProfile.waiting(config.ffmpegPath()) == 2 * workers, "every thread of both replicas to decode");
            long ours = claimsOf(pool.workerId(), tracks);
            long theirs = claimsOf(replica.workerId(), tracks);
            assertThat(ours).isPositive();
            assertThat(theirs).isPositive();
            assertThat(claims(tracks)).isEqualTo(ours + theirs);
            // a batch may take longer than the lease: live replicas renew their claims, nobody takes them over
            Thread.sleep(config.lease().toMillis() + 1_500);
            List<TrackRef> intruder = claims.claim(new WorkScope(tracks.toArray(Long[]::new),
                    false, false, null), decoders.selected().orElseThrow().name(), "intruder", config.lease(), tracks.size());
            claims.releaseClaims("intruder", intruder.stream().map(TrackRef::id).toList());
            assertThat(intruder).as("only the tracks nobody claimed; without renewal the leases would have run out")
                    .hasSize((int) (tracks.size() - ours - theirs));
            assertThat(claimsOf(pool.workerId(), tracks)).isEqualTo(ours);
            assertThat(claimsOf(replica.workerId(), tracks)).isEqualTo(theirs);
            Files.delete(gate);

            JsonPath run = awaitFinished(location);
            assertThat(run.getString("status")).isEqualTo("completed");
            assertThat(run.getInt("total")).isEqualTo(tracks.size());
            assertThat(run.getInt("done")).as("a track analysed twice would count twice").isEqualTo(tracks.size());
            assertThat(run.getInt("failed")).isZero();
            assertThat(okAnalyses(tracks)).isEqualTo(tracks.size());
            assertThat(claims(tracks)).isZero();
        } finally {
            replica.onStop(new ShutdownEvent());
        }
    }

    @Test
    void cancellingARunInProgressStopsItAfterItsInFlightTracks() throws Exception {
        int workers = config.workers().getAsInt();
        Files.createFile(gate);
        List<Long> tracks = shortTracks(workers * config.claimBatch() + 4);
        String location = start(Map.of("scope", "trackIds", "trackIds", tracks));
        await(() -> GatedFfmpegProfile.waiting(config.ffmpegPath()) == workers, "every worker to claim a batch and wait inside its decode");
        Set<Long> claimed = new HashSet<>(claimedTracks(tracks));
        int inFlight = claimed.size();

        JsonPath cancelled = given().delete(location).then().statusCode(200).extract().jsonPath();
        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(cancelled.getString("finishedAt")).isNotNull();
        assertThat(cancelled.getMap("$")).doesNotContainKey("etaSeconds");
        Files.delete(gate);

        await(() -> claims(tracks) == 0, "the in-flight tracks to finish and release their claims");
        // idle workers look for an active run every poll-interval (1 s): give them two chances to misbehave
        Thread.sleep(2 * config.pollInterval().toMillis());
        assertThat(claims(tracks)).as("no worker claims for a cancelled run").isZero();
        assertThat(analysedTracks(tracks)).as("only what was in flight at the cancel is analysed")
                .containsExactlyInAnyOrderElementsOf(claimed);
        JsonPath after = given().get(location).then().statusCode(200).extract().jsonPath();
        assertThat(after.getString("status")).isEqualTo("cancelled");
        assertThat(after.getInt("done")).isEqualTo(inFlight);

        String next = start(Map.of("scope", "trackIds", "trackIds", tracks));
        JsonPath rest = awaitFinished(next);
        assertThat(rest.getString("status")).isEqualTo("completed");
        assertThat(rest.getInt("total")).isEqualTo(tracks.size() - inFlight);
        assertThat(rest.getInt("done")).isEqualTo(tracks.size() - inFlight);
        assertThat(okAnalyses(tracks)).isEqualTo(tracks.size());
    }

    @Test
    void aDeadWorkersClaimsAreTakenOverOnceTheirLeaseRunsOut() throws Exception {
        List<Long> tracks = shortTracks(3);
        long expired = tracks.get(1);
        long expiring = tracks.get(2);
        library.execute("INSERT INTO sonic_claims (track_id, worker, claimed_at, lease_until) VALUES"
                + " (?, 'dead-replica', now() - interval '11 minutes', now() - interval '1 minute')", expired);
        library.execute("INSERT INTO sonic_claims (track_id, worker, claimed_at, lease_until) VALUES"
                + " (?, 'dead-replica', now(), now() + interval '3 seconds')", expiring);
        long leaseEnd = micros("SELECT lease_until FROM sonic_claims WHERE track_id = ?", expiring);

        JsonPath run = awaitFinished(start(Map.of("scope", "trackIds", "trackIds", tracks)));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getInt("total")).isEqualTo(3);
        assertThat(run.getInt("done")).isEqualTo(3);
        assertThat(okAnalyses(tracks)).isEqualTo(3);
        assertThat(claims(tracks)).isZero();
        assertThat(micros("SELECT analyzed_at FROM sonic_analyses WHERE track_id = ?", expiring))
                .as("a live lease is respected even when its worker is gone").isGreaterThanOrEqualTo(leaseEnd);
    }

    @Test
    void unsupportedFileIsRecordedOnceAndOnlyRetriedByAnAllRunOrAContentChange() throws Exception {
        long track = library.track(Files.writeString(library.dir().resolve("notes.txt"), "not audio"), null);
        JsonPath first = awaitFinished(start(Map.of("scope", "trackIds", "trackIds", List.of(track))));
        assertThat(first.getInt("done")).isEqualTo(1);
        assertThat(first.getList("failures.trackId", Long.class)).containsExactly(track);
        assertThat(first.getString("failures[0].status")).isEqualTo("unsupported");
        long recorded = analysedAt(track);

        JsonPath pending = awaitFinished(start(Map.of("scope", "pending")));
        assertThat(pending.getString("status")).isEqualTo("completed");
        assertThat(analysedAt(track)).as("a pending run leaves an unsupported file alone").isEqualTo(recorded);
        assertThat(pending.getList("failures.trackId", Long.class)).doesNotContain(track);

        JsonPath all = awaitFinished(start(Map.of("scope", "all")));
        assertThat(all.getList("failures.trackId", Long.class)).contains(track);
        long retried = analysedAt(track);
        assertThat(retried).isGreaterThan(recorded);
        assertThat(awaitFinished(start(Map.of("scope", "pending"))).getList("failures.trackId", Long.class))
                .doesNotContain(track);
        assertThat(analysedAt(track)).isEqualTo(retried);

        library.execute("UPDATE tracks SET content_key = 'edited-' || id WHERE id = ?", track);
        JsonPath changed = awaitFinished(start(Map.of("scope", "pending")));
        assertThat(changed.getList("failures.trackId", Long.class)).contains(track);
        assertThat(analysedAt(track)).isGreaterThan(retried);
        assertThat(library.count("SELECT count(*) FROM sonic_analyses WHERE track_id = ? AND status = 'unsupported'"
                + " AND content_key = 'edited-' || track_id", track)).isEqualTo(1);
    }

    private List<Long> shortTracks(int count) throws Exception {
        List<Long> tracks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tracks.add(library.shortClickTrack(3));
        }
        return tracks;
    }

    private static String start(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/analysis/runs")
                .then().statusCode(202).extract().header("Location");
    }

    private static JsonPath awaitFinished(String location) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath run = given().get(location).then().statusCode(200).extract().jsonPath();
            if (!run.getString("status").equals("running")) {
                return run;
            }
            Thread.sleep(100);
        }
        return fail("run %s did not finish within 2 minutes", location);
    }

    private static void await(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                fail("waited a minute for " + what);
            }
            Thread.sleep(50);
        }
    }

    private long claims(List<Long> tracks) throws Exception {
        return library.count("SELECT count(*) FROM sonic_claims WHERE track_id = ANY(?)",
                (Object) tracks.toArray(Long[]::new));
    }

    private long claimsOf(String worker, List<Long> tracks) throws Exception {
        return library.count("SELECT count(*) FROM sonic_claims WHERE worker = ? AND track_id = ANY(?)",
                worker, tracks.toArray(Long[]::new));
    }

    private List<Long> claimedTracks(List<Long> tracks) throws Exception {
        return ids("SELECT track_id FROM sonic_claims WHERE track_id = ANY(?)", tracks);
    }

    private List<Long> analysedTracks(List<Long> tracks) throws Exception {
        return ids("SELECT track_id FROM sonic_analyses WHERE track_id = ANY(?)", tracks);
    }

    private long okAnalyses(List<Long> tracks) throws Exception {
        return library.count("SELECT count(*) FROM sonic_analyses WHERE track_id = ANY(?) AND status = 'ok'"
                + " AND analyzer_version = ?", tracks.toArray(Long[]::new), FeatureLayout.ANALYZER_VERSION);
    }

    private long analysedAt(long track) throws Exception {
        return micros("SELECT analyzed_at FROM sonic_analyses WHERE track_id = ?", track);
    }

    /** A timestamp the query selects, in microseconds since the epoch (PostgreSQL's own precision). */
    private long micros(String query, long track) throws Exception {
        return library.count("SELECT (extract(epoch FROM x) * 1000000)::bigint FROM (" + query + ") AS q(x)", track);
    }

    private List<Long> ids(String sql, List<Long> tracks) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            ps.setObject(1, tracks.toArray(Long[]::new));
            List<Long> ids = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }
}
