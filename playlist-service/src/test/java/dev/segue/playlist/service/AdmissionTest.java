package dev.segue.playlist.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.playlist.Cluster;
import dev.segue.playlist.SonicServiceMock;
import dev.segue.playlist.TestData;
import dev.segue.testing.Eventually;
import dev.segue.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admission saturated on purpose: one computation at a time and one place in the queue, the slot held by a
 * computation the test controls, so what a request gets does not depend on timing.
 */
@QuarkusTest
@TestProfile(AdmissionTest.OneAtATime.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SonicServiceMock.class, scope = TestResourceScope.GLOBAL)
class AdmissionTest {

    public static class OneAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("segue.playlist.admission.max-concurrent", "1", "segue.playlist.admission.queue", "1",
                    "segue.playlist.admission.max-wait", "20s", "segue.playlist.admission.retry-after-seconds", "3");
        }
    }

    @Inject
    Admission admission;

    private final TestData data = new TestData();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final CountDownLatch release = new CountDownLatch(1);
    private long seed;

    @BeforeEach
    void library() {
        Cluster cluster = new Cluster(data, 6, 6);
        given().post("/api/index/refresh").then().statusCode(200);
        seed = cluster.tracks.get(0);
    }

    @AfterEach
    void close() throws Exception {
        release.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        data.close();
    }

    /** Takes the only slot until {@link #release} opens. */
    private Future<Integer> holdTheSlot() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        Future<Integer> holder = threads.submit(() -> admission.compute(() -> {
            running.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS) ? 1 : 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    private void awaitQueued(int n) {
        Eventually.until(n + " computations queued", Duration.ofSeconds(10), admission::queued, q -> q == n);
    }

    @Test
    void aFullQueueIsAnswered503WithRetryAfterAtOnce() throws Exception {
        Future<Integer> holder = holdTheSlot();
        Future<Integer> queued = threads.submit(() -> admission.compute(() -> 2));
        awaitQueued(1);

        long start = System.nanoTime();
        Response refused = given().get("/api/tracks/" + seed + "/similar");
        // refused at once, not after the 20 s a queued computation may wait
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("3");
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(503);
        assertThat(refused.jsonPath().getString("detail")).contains("1 playlists or neighbour lists at once", "queue");
        Response playlist = given().contentType("application/json").body(Map.of("seeds", List.of(seed), "size", 3))
                .post("/api/playlists");
        assertThat(playlist.statusCode()).isEqualTo(503);
        assertThat(playlist.header("Retry-After")).isEqualTo("3");

        release.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        given().get("/api/tracks/" + seed + "/similar").then().statusCode(200);
    }

    @Test
    void aQueuedRequestRunsWhenTheSlotFrees() throws Exception {
        Future<Integer> holder = holdTheSlot();
        Future<Integer> status = threads.submit(() -> given().get("/api/tracks/" + seed + "/similar").statusCode());
        awaitQueued(1);
        assertThat(status.isDone()).isFalse();

        release.countDown();
        assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(admission.queued()).isZero();
    }
}
