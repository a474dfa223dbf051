package dev.segue.library.scan;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Reads files on a few daemon threads and hands back exactly one {@link Outcome} per file, whatever the
 * reader does: returns, throws an exception, throws an {@link Error} (an OutOfMemoryError from a lying
 * header), or never returns. Without that guarantee one hostile file leaves a scan waiting forever.
 * A read that overruns the per-file timeout becomes a scan error; its thread is abandoned (and
 * interrupted when the pool closes) and a new thread takes its place, so stuck reads never starve the rest.
 */
public final class ReadPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReadPool.class);

    /** Reads one file; an unreadable file throws with the reason. */
    public interface Reader {
        ReadTrack read(DiscoveredFile file) throws TagReader.UnreadableFileException;
    }

    /**
     * What became of one file: a track, or the reason it is a scan error; {@code lasting} when the reason is the
     * file's content, which the same bytes would meet again (not a timeout, a disk error or a reader's bug).
     */
    public record Outcome(DiscoveredFile file, ReadTrack track, String error, boolean lasting) {
    }

    private record Reading(long startedNanos) {
    }

    private final Reader reader;
    private final long timeoutNanos;
    private final String timeoutText;
    private final ThreadPoolExecutor threads;
    private final BlockingQueue<Outcome> outcomes;
    private final Map<DiscoveredFile, Reading> reading = new ConcurrentHashMap<>();
    private final ArrayDeque<Outcome> timedOut = new ArrayDeque<>();

    public ReadPool(String name, int threadCount, Duration timeout, int capacity, Reader reader) {
        this.reader = reader;
        this.timeoutNanos = timeout.toNanos();
        this.timeoutText = timeout.toSeconds() >= 1 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        this.outcomes = new ArrayBlockingQueue<>(capacity);
        AtomicInteger threadNo = new AtomicInteger();
        int size = Math.max(1, threadCount);
        this.threads = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name + "-reader-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public void submit(List<DiscoveredFile> files) {
        for (DiscoveredFile file : files) {
            threads.execute(() -> readOne(file));
        }
    }

    private void readOne(DiscoveredFile file) {
        reading.put(file, new Reading(System.nanoTime()));
        Outcome outcome;
        try {
            outcome = new Outcome(file, reader.read(file), null, false);
        } catch (TagReader.UnreadableFileException e) {
            outcome = new Outcome(file, null, e.getMessage(), Reasons.aboutTheContent(e.getMessage()));
        } catch (Throwable e) {
            // also Errors: the file is recorded, and the thread lives on for the next one
            // the reason stays plain; the trace is for whoever fixes the reader
            LOG.warnf(e, "Unexpected failure reading %s", file.pathText());
            outcome = new Outcome(file, null, Reasons.unexpected(e), false);
        }
        if (reading.remove(file) == null) {
            return; // timed out: already reported as an error
        }
        try {
            outcomes.put(outcome);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next outcome, waiting up to {@code millis}; null when none came. */
    public Outcome poll(long millis) throws InterruptedException {
        expire();
        if (!timedOut.isEmpty()) {
            return timedOut.poll();
        }
        return outcomes.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Moves up to {@code max} ready outcomes into {@code batch}; returns how many. */
    public int drainTo(List<Outcome> batch, int max) {
        int moved = 0;
        while (moved < max && !timedOut.isEmpty()) {
            batch.add(timedOut.poll());
            moved++;
        }
        return moved + outcomes.drainTo(batch, max - moved);
    }

    private void expire() {
        long now = System.nanoTime();
        for (var entry : reading.entrySet()) {
            if (now - entry.getValue().startedNanos() > timeoutNanos && reading.remove(entry.getKey(), entry.getValue())) {
                threads.setMaximumPoolSize(threads.getMaximumPoolSize() + 1);
                threads.setCorePoolSize(threads.getCorePoolSize() + 1);
                timedOut.add(new Outcome(entry.getKey(), null, "reading this file took longer than "
                        + timeoutText + "; it was skipped (a corrupt header can make the tag reader spin)", false));
            }
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
