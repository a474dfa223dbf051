package dev.segue.playlist.service;

import dev.segue.playlist.config.PlaylistConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Admission of the CPU-bound computations (scoring the library, selecting and ordering a playlist or a
 * neighbour list): at most {@code max-concurrent} run at once, at most {@code queue} more wait, each for at
 * most {@code max-wait}, first come first served. Past that a request is refused with {@link Overloaded}
 * (503 with Retry-After) at once, instead of every request slowing down without bound when more arrive than
 * the cores can serve. Waiting for sonic-service and storing the result happen outside: they do not use a core.
 */
@ApplicationScoped
public class Admission {

    private final Semaphore running;
    private final AtomicInteger queued = new AtomicInteger();
    private final int maxConcurrent;
    private final int queue;
    private final long maxWaitNanos;
    private final int retryAfterSeconds;

    Admission(PlaylistConfig config) {
        PlaylistConfig.Admission c = config.admission();
        this.maxConcurrent = c.maxConcurrent().orElse(Runtime.getRuntime().availableProcessors());
        this.queue = c.queue();
        this.maxWaitNanos = c.maxWait().toNanos();
        this.retryAfterSeconds = c.retryAfterSeconds();
        this.running = new Semaphore(maxConcurrent, true);
    }

    /** Runs {@code computation} once admitted; throws {@link Overloaded} when the queue is full or the wait too long. */
    public <T> T compute(Supplier<T> computation) {
        admit();
        try {
            return computation.get();
        } finally {
            running.release();
        }
    }

    private void admit() {
        if (running.tryAcquire()) {
            return;
        }
        if (queued.incrementAndGet() > queue) {
            queued.decrementAndGet();
            throw overloaded("all " + queue + " places in the queue are taken");
        }
        try {
            if (!running.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                throw overloaded("no computation finished within " + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos) + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw overloaded("the request was interrupted while it waited");
        } finally {
            queued.decrementAndGet();
        }
    }

    private Overloaded overloaded(String why) {
        return new Overloaded("playlist-service is computing " + maxConcurrent + " playlists or neighbour lists at once and "
                + why + "; try again after " + retryAfterSeconds + " s.", retryAfterSeconds);
    }

    /** Computations waiting for a slot now. */
    int queued() {
        return queued.get();
    }
}
