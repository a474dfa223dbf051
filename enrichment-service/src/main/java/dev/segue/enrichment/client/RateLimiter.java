package dev.segue.enrichment.client;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Spaces the requests to one source at least {@code 1/rate} apart, making callers wait for their
 * slot instead of rejecting them, so no work is dropped. {@link #pauseFor} holds every caller back
 * when the source asked for it (Retry-After).
 *
 * <p>Spacing from the release of the previous request needs a margin, because the server sees a
 * request after client and network jitter. Spacing from the previous request's <em>completion</em>
 * ({@link #completed}) needs none: the server had received that request before it answered, so the
 * next one reaches it at least {@code 1/rate} later, whatever the jitter (for a sequential caller).
 */
public final class RateLimiter {

    /**
     * Spacing 15 % above 1/rate when spacing from releases: a request sent late must not let the
     * next one land within the same second at the server.
     */
    static final double MARGIN = 0.15;

    private final long intervalNanos;
    private final ReentrantLock lock = new ReentrantLock(true);
    private long nextSlot = System.nanoTime();
    private volatile long pausedUntil = System.nanoTime();

    private final boolean fromCompletion;

    /** Spacing from each request's release, 1/rate + {@link #MARGIN}. */
    public RateLimiter(double requestsPerSecond) {
        this(requestsPerSecond, false);
    }

    /** @param fromCompletion space from the previous request's completion (exactly 1/rate, no margin) */
    public RateLimiter(double requestsPerSecond, boolean fromCompletion) {
        if (requestsPerSecond <= 0) {
            throw new IllegalArgumentException("A rate limit must be positive, was " + requestsPerSecond);
        }
        this.fromCompletion = fromCompletion;
        this.intervalNanos = (long) (1_000_000_000L / requestsPerSecond * (fromCompletion ? 1 : 1 + MARGIN));
    }

    /** Called when the request's answer (or failure) is in; with spacing from completion the next slot starts now. */
    public void completed() {
        if (!fromCompletion) {
            return;
        }
        lock.lock();
        try {
            nextSlot = Math.max(nextSlot, System.nanoTime() + intervalNanos);
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until the caller may send one request. */
    public void acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            // holding the lock while sleeping keeps callers in order and the spacing exact
            long wait;
            while ((wait = Math.max(nextSlot, pausedUntil) - System.nanoTime()) > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            // spaced from the actual release, so a late wake-up never lets the next caller in early
            nextSlot = System.nanoTime() + intervalNanos;
        } finally {
            lock.unlock();
        }
    }

    /** {@link #acquire()} for a client: an interrupt (shutdown) makes the call fail as "unavailable, try later". */
    void acquireFor(String source) {
        try {
            acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("Interrupted while waiting for the " + source + " rate limit", e);
        }
    }

    /** No request leaves before {@code duration} has passed. */
    public void pauseFor(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        synchronized (this) {
            if (until - pausedUntil > 0) {
                pausedUntil = until;
            }
        }
    }

    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }
}
