package dev.segue.enrichment.service;

import dev.segue.commons.database.DatabaseOutage;
import dev.segue.enrichment.client.SourceDisabledException;
import dev.segue.enrichment.client.SourceStatus;
import dev.segue.enrichment.client.SourceUnreachableException;
import dev.segue.enrichment.client.Unreachable;
import dev.segue.enrichment.config.EnrichmentConfig;
import dev.segue.enrichment.genre.EntityType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Works through one source's share of a run: artists, then albums, then tracks, claiming due
 * entities in small leased batches. A failed fetch is recorded with a back-off and the run goes on;
 * an open circuit breaker pauses the source (claims given back, nothing marked failed) until it
 * closes; a disabled source stops; an unreachable one stops too, its claims given back, so its
 * entities stay due for the next run instead of the run waiting for a network that may not come;
 * a database outage pauses it until the database is back, keeping the answers already fetched.
 *
 * <p>The queue is {@link SourceClaims}, the fetching and recording {@link EntityFetcher}; this class
 * decides when to go on, pause or stop.
 */
final class SourceWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(SourceWorker.class);

    private final SourceShare share;
    private final SourceClaims claims;
    private final EntityFetcher fetcher;
    private final SourceStatus status;
    private final EnrichmentConfig.Work work;
    private final DatabaseOutage outage;

    SourceWorker(SourceShare share, SourceClaims claims, EntityFetcher fetcher, SourceStatus status, EnrichmentConfig.Work work,
            DatabaseOutage outage) {
        this.share = share;
        this.claims = claims;
        this.fetcher = fetcher;
        this.status = status;
        this.work = work;
        this.outage = outage;
    }

    /** Seeds every phase and counts its work up front, so progress has a total and an ETA from the start. */
    void plan() {
        for (EntityType type : share.phases()) {
            int due = claims.seedAndCount(type);
            share.progress().addTotal(share.limit() == null ? due : Math.min(due, share.limit()));
        }
    }

    @Override
    public void run() {
        SourceProgress progress = share.progress();
        if (!status.enabled(share.source())) {
            progress.state("disabled", status.reason(share.source()));
            return;
        }
        progress.state("running", null);
        try {
            for (EntityType type : share.phases()) {
                progress.phase(type);
                if (!phase(type)) {
                    return;
                }
            }
            progress.state(share.isCancelled() ? "cancelled" : "done", null);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s enrichment stopped", share.source().id());
            progress.state("failed", e.getMessage());
        } finally {
            progress.calls(status.calls(share.source()));
        }
    }

    /** @return false when the source stopped (cancelled or disabled) */
    private boolean phase(EntityType type) {
        if (type == EntityType.TRACK) {
            // tracks whose album or artist gained genres in the earlier phases are no longer due
            claims.seed(type);
        }
        Integer limit = share.limit();
        int processed = 0;
        while (limit == null || processed < limit) {
            if (share.isCancelled()) {
                share.progress().state("cancelled", null);
                return false;
            }
            List<Long> pending = new ArrayList<>();
            try {
                int batch = limit == null ? work.batchSize() : Math.min(work.batchSize(), limit - processed);
                List<Long> ids = claims.claim(type, batch, share.enricher().albumsByArtist());
                if (ids.isEmpty()) {
                    if (claims.claimedByOthers(type) == 0) {
                        return true;
                    }
                    // held by another worker: wait for it to finish or for its lease to expire, so this run covers everything due
                    if (!sleep(Duration.ofSeconds(1))) {
                        return false;
                    }
                    continue;
                }
                pending.addAll(ids);
                try {
                    processed += fetcher.process(type, pending);
                } catch (SourceUnreachableException e) {
                    claims.release(type, pending);
                    stopUnreachable();
                    return false;
                } catch (CircuitBreakerOpenException e) {
                    claims.release(type, pending);
                    if (status.unreachable(share.source()).isPresent()) {
                        stopUnreachable();
                        return false;
                    }
                    if (!pause()) {
                        return false;
                    }
                } catch (SourceDisabledException e) {
                    claims.release(type, pending);
                    share.progress().state("disabled", e.getMessage());
                    return false;
                }
            } catch (RuntimeException e) {
                if (!outage.explains(e)) {
                    claims.release(type, pending);
                    throw e;
                }
                if (!awaitDatabase(e)) {
                    return false;
                }
                // claimed but not recorded: back to the queue, this worker claims them again right away
                claims.release(type, pending);
            }
        }
        return true;
    }

    private void stopUnreachable() {
        Optional<Unreachable> unreachable = status.unreachable(share.source());
        SourceProgress.View now = share.progress().view();
        share.progress().state("unreachable", "no request reaches " + share.source().id() + ": "
                + unreachable.map(Unreachable::describe).orElse("connection failures") + "; its " + (now.total() - now.done())
                + " remaining entities stay due, and the next run tries it again");
    }

    /** Waits for the database to come back; @return false if the service stopped meanwhile. */
    private boolean awaitDatabase(RuntimeException cause) {
        try {
            outage.await(share.source().id() + " enrichment is paused and continues", cause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits while the breaker is open; @return false if the run was cancelled meanwhile. */
    private boolean pause() {
        Duration pause = work.breakerPause();
        share.progress().state("paused", "circuit breaker open; resuming in " + pause.toSeconds() + " s");
        if (!sleep(pause)) {
            return false;
        }
        share.progress().state("running", null);
        return true;
    }

    /** Sleeps unless cancelled; @return false if cancelled meanwhile. */
    private boolean sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            while (System.nanoTime() < until) {
                if (share.isCancelled()) {
                    share.progress().state("cancelled", null);
                    return false;
                }
                Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
