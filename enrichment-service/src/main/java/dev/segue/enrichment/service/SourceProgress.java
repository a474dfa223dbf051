package dev.segue.enrichment.service;

import dev.segue.enrichment.genre.EntityType;
import dev.segue.enrichment.genre.Source;

/** Live counters of one source within a run; {@link #view} is what the API shows. */
final class SourceProgress {

    /** Progress of one source as the API shows it. */
    record View(String state, String phase, long done, long total, long calls, long found, long notFound, long errors,
            long pauses, double ratePerSecond, Long etaSeconds, String message) {
    }

    private final Source source;
    private final long callsAtStart;
    private String state = "waiting";
    private EntityType phase;
    private long done;
    private long total;
    private long found;
    private long notFound;
    private long errors;
    private long pauses;
    private long calls;
    private long workingNanos;
    private long resumedAt = -1;
    private String message;

    SourceProgress(Source source, long callsAtStart) {
        this.source = source;
        this.callsAtStart = callsAtStart;
    }

    Source source() {
        return source;
    }

    synchronized void state(String state, String message) {
        boolean working = "running".equals(state);
        if (working && resumedAt < 0) {
            resumedAt = System.nanoTime();
        } else if (!working && resumedAt >= 0) {
            workingNanos += System.nanoTime() - resumedAt;
            resumedAt = -1;
        }
        if ("paused".equals(state)) {
            pauses++;
        }
        this.state = state;
        this.message = message;
    }

    synchronized void phase(EntityType phase) {
        this.phase = phase;
    }

    synchronized void addTotal(long more) {
        total += more;
    }

    synchronized void done(String status) {
        done++;
        switch (status) {
            case "found" -> found++;
            case "not_found" -> notFound++;
            default -> errors++;
        }
    }

    synchronized void calls(long callsNow) {
        calls = callsNow - callsAtStart;
    }

    synchronized View view() {
        long nanos = workingNanos + (resumedAt >= 0 ? System.nanoTime() - resumedAt : 0);
        double rate = nanos > 0 ? done / (nanos / 1e9) : 0;
        boolean going = "running".equals(state) || "paused".equals(state);
        Long eta = going && rate > 0 && total >= done ? Math.round((total - done) / rate) : null;
        return new View(state, phase == null ? null : phase.id(), done, Math.max(total, done), calls, found, notFound, errors, pauses,
                Math.round(rate * 100) / 100.0, eta, message);
    }
}
