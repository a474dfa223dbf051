package dev.segue.enrichment.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void realMusicBrainzLimitSpacesRequestsOneSecondApart() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(1.0);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            limiter.acquire();
            times.add(System.nanoTime());
        }
        for (int i = 1; i < times.size(); i++) {
            assertThat((times.get(i) - times.get(i - 1)) / 1_000_000).as("gap %d", i).isGreaterThanOrEqualTo(1000).isLessThan(1400);
        }
    }

    @Test
    void spacingFromCompletionStartsWhenTheAnswerIsIn() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(1.0, true);
        limiter.acquire();
        long first = System.nanoTime();
        Thread.sleep(150);
        limiter.completed();
        limiter.acquire();
        assertThat((System.nanoTime() - first) / 1_000_000).isGreaterThanOrEqualTo(1150).isLessThan(1400);
    }

    @Test
    void concurrentCallersWaitInsteadOfBeingRejected() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(50);
        List<Long> times = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10; i++) {
                    try {
                        limiter.acquire();
                    } catch (InterruptedException e) {
                        return;
                    }
                    synchronized (times) {
                        times.add(System.nanoTime());
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(times).hasSize(40);
        times.sort(null);
        // a thread can be preempted between its grant and reading the clock (2.3 ms at load 17 in a CI-like run):
        // each gap may look shorter by that much, the whole run cannot
        long spacing = Duration.ofMillis(20).toNanos();
        long jitter = Duration.ofMillis(10).toNanos();
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).as("gap %d", i).isGreaterThanOrEqualTo(spacing - jitter);
        }
        assertThat(times.get(times.size() - 1) - times.get(0)).isGreaterThanOrEqualTo(39 * spacing - jitter);
    }

    @Test
    void pauseHoldsBackEveryCaller() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(100);
        limiter.acquire();
        long start = System.nanoTime();
        limiter.pauseFor(Duration.ofMillis(300));
        limiter.acquire();
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(295);
    }
}
