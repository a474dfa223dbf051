package dev.segue.enrichment.service;

import dev.segue.commons.database.DatabaseOutage;
import dev.segue.enrichment.client.SourceDisabledException;
import dev.segue.enrichment.client.SourceStatus;
import dev.segue.enrichment.client.SourceUnavailableException;
import dev.segue.enrichment.client.SourceUnreachableException;
import dev.segue.enrichment.client.Unreachable;
import dev.segue.enrichment.config.EnrichmentConfig;
import dev.segue.enrichment.genre.EntityType;
import dev.segue.enrichment.library.AlbumRef;
import dev.segue.enrichment.library.ArtistRef;
import dev.segue.enrichment.library.TrackRef;
import dev.segue.enrichment.repository.EnrichmentStateRepository;
import dev.segue.enrichment.repository.LibraryRepository;
import dev.segue.enrichment.state.Outcome;
import dev.segue.enrichment.state.WorkFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Works through one source's share of a run: artists, then albums, then tracks, claiming due
 * entities in small leased batches. A failed fetch is recorded with a back-off and the run goes on;
 * an open circuit breaker pauses the source (claims given back, nothing marked failed) until it
 * closes; a disabled source stops; an unreachable one stops too, its claims given back, so its
 * entities stay due for the next run instead of the run waiting for a network that may not come;
 * a database outage pauses it until the database is back, keeping the answers already fetched.
 */
final class SourceWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(SourceWorker.class);

    private final SourceEnricher enricher;
    private final List<EntityType> phases;
    private final WorkFilter filter;
    private final Integer limit;
    private final SourceProgress progress;
    private final BooleanSupplier cancelled;
    private final String owner;
    private final EnrichmentStateRepository states;
    private final EnrichmentRecorder recorder;
    private final LibraryRepository library;
    private final SourceStatus status;
    private final EnrichmentConfig.Work work;
    private final DatabaseOutage outage;

    SourceWorker(SourceEnricher enricher, List<EntityType> phases, WorkFilter filter, Integer limit, SourceProgress progress,
            BooleanSupplier cancelled, String owner, EnrichmentStateRepository states, EnrichmentRecorder recorder,
            LibraryRepository library, SourceStatus status, EnrichmentConfig.Work work, DatabaseOutage outage) {
        this.enricher = enricher;
        this.phases = phases;
        this.filter = filter;
        this.limit = limit;
        this.progress = progress;
        this.cancelled = cancelled;
        this.owner = owner;
        this.states = states;
        this.recorder = recorder;
        this.library = library;
        this.status = status;
        this.work = work;
        this.outage = outage;
    }

    /** Seeds every phase and counts its work up front, so progress has a total and an ETA from the start. */
    void plan() {
        for (EntityType type : phases) {
            states.seed(type, enricher.source(), filter);
            int due = states.countDue(type, enricher.source(), filter);
            progress.addTotal(limit == null ? due : Math.min(due, limit));
        }
    }

    @Override
    public void run() {
        if (!status.enabled(enricher.source())) {
            progress.state("disabled", status.reason(enricher.source()));
            return;
        }
        progress.state("running", null);
        try {
            for (EntityType type : phases) {
                progress.phase(type);
                if (!phase(type)) {
                    return;
                }
            }
            progress.state(cancelled.getAsBoolean() ? "cancelled" : "done", null);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s enrichment stopped", enricher.source().id());
            progress.state("failed", e.getMessage());
        } finally {
            progress.calls(status.calls(enricher.source()));
        }
    }

    /** @return false when the source stopped (cancelled or disabled) */
    private boolean phase(EntityType type) {
        if (type == EntityType.TRACK) {
            // tracks whose album or artist gained genres in the earlier phases are no longer due
            states.seed(type, enricher.source(), filter);
        }
        int processed = 0;
        while (limit == null || processed < limit) {
            if (cancelled.getAsBoolean()) {
                progress.state("cancelled", null);
                return false;
            }
            List<Long> pending = new ArrayList<>();
            try {
                int batch = limit == null ? work.batchSize() : Math.min(work.batchSize(), limit - processed);
                List<Long> ids = type == EntityType.ALBUM && enricher.albumsByArtist()
                        ? states.claimAlbumsByArtist(enricher.source(), filter, Math.max(1, batch / 4), owner, work.claimLease())
                        : states.claim(type, enricher.source(), filter, batch, owner, work.claimLease());
                if (ids.isEmpty()) {
                    if (states.claimedByOthers(type, enricher.source(), owner) == 0) {
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
                    processed += process(type, pending);
                } catch (SourceUnreachableException e) {
                    states.release(type, enricher.source(), pending, owner);
                    stopUnreachable();
                    return false;
                } catch (CircuitBreakerOpenException e) {
                    states.release(type, enricher.source(), pending, owner);
                    if (status.unreachable(enricher.source()).isPresent()) {
                        stopUnreachable();
                        return false;
                    }
                    if (!pause()) {
                        return false;
                    }
                } catch (SourceDisabledException e) {
                    states.release(type, enricher.source(), pending, owner);
                    progress.state("disabled", e.getMessage());
                    return false;
                }
            } catch (RuntimeException e) {
                if (!outage.explains(e)) {
                    states.release(type, enricher.source(), pending, owner);
                    throw e;
                }
                if (!awaitDatabase(e)) {
                    return false;
                }
                // claimed but not recorded: back to the queue, this worker claims them again right away
                states.release(type, enricher.source(), pending, owner);
            }
        }
        return true;
    }

    /** Processes claimed entities, removing each from {@code pending} once its outcome is recorded. */
    private int process(EntityType type, List<Long> pending) {
        int count = 0;
        switch (type) {
            case ARTIST -> {
                for (ArtistRef artist : library.artists(pending)) {
                    if (cancelled.getAsBoolean()) {
                        break;
                    }
                    Outcome outcome = fetch(() -> enricher.artist(artist));
                    save(type, artist.id(), List.of(artist.name()), outcome, pending);
                    count++;
                }
            }
            case ALBUM -> {
                Map<Long, List<AlbumRef>> byArtist = new LinkedHashMap<>();
                for (AlbumRef album : library.albums(pending)) {
                    byArtist.computeIfAbsent(enricher.albumsByArtist() ? album.artistId() : album.id(), k -> new ArrayList<>()).add(album);
                }
                for (List<AlbumRef> group : byArtist.values()) {
                    if (cancelled.getAsBoolean()) {
                        break;
                    }
                    Map<Long, Outcome> outcomes;
                    try {
                        outcomes = enricher.albums(group);
                    } catch (SourceUnreachableException e) {
                        throw e;
                    } catch (SourceUnavailableException e) {
                        outcomes = new LinkedHashMap<>();
                        for (AlbumRef album : group) {
                            outcomes.put(album.id(), new Outcome.Failed(e.getMessage()));
                        }
                    }
                    for (AlbumRef album : group) {
                        save(type, album.id(), List.of(album.title(), album.artistName()), outcomes.get(album.id()), pending);
                        count++;
                    }
                }
            }
            case TRACK -> {
                for (TrackRef track : library.tracks(pending)) {
                    if (cancelled.getAsBoolean()) {
                        break;
                    }
                    Outcome outcome = fetch(() -> enricher.track(track));
                    List<String> names = new ArrayList<>(List.of(track.title(), track.artistName()));
                    if (track.albumTitle() != null) {
                        names.add(track.albumTitle());
                    }
                    save(type, track.id(), names, outcome, pending);
                    count++;
                }
            }
        }
        // entities gone from the library since they were claimed, or left by a cancel
        states.release(type, enricher.source(), pending, owner);
        return count;
    }

    /** An entity is not to blame for a network that reaches nothing: an unreachable source is not recorded as its failure. */
    private Outcome fetch(Supplier<Outcome> call) {
        try {
            return call.get();
        } catch (SourceUnreachableException e) {
            throw e;
        } catch (SourceUnavailableException e) {
            return new Outcome.Failed(e.getMessage());
        }
    }

    private void stopUnreachable() {
        Optional<Unreachable> unreachable = status.unreachable(enricher.source());
        SourceProgress.View now = progress.view();
        progress.state("unreachable", "no request reaches " + enricher.source().id() + ": "
                + unreachable.map(Unreachable::describe).orElse("connection failures") + "; its " + (now.total() - now.done())
                + " remaining entities stay due, and the next run tries it again");
    }

    private void save(EntityType type, long id, List<String> names, Outcome outcome, List<Long> pending) {
        // a fetched answer is kept through a database outage: asking the source again would waste its rate limit
        if (!outage.retry(enricher.source().id() + " enrichment is paused and continues",
                () -> recorder.record(type, enricher.source(), id, names, outcome))) {
            throw new IllegalStateException("the service stopped while waiting for the database");
        }
        pending.remove(Long.valueOf(id));
        progress.done(switch (outcome) {
            case Outcome.Found f -> "found";
            case Outcome.NotFound n -> "not_found";
            case Outcome.Failed f -> "error";
        });
        progress.calls(status.calls(enricher.source()));
    }

    /** Waits for the database to come back; @return false if the service stopped meanwhile. */
    private boolean awaitDatabase(RuntimeException cause) {
        try {
            outage.await(enricher.source().id() + " enrichment is paused and continues", cause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits while the breaker is open; @return false if the run was cancelled meanwhile. */
    private boolean pause() {
        Duration pause = work.breakerPause();
        progress.state("paused", "circuit breaker open; resuming in " + pause.toSeconds() + " s");
        if (!sleep(pause)) {
            return false;
        }
        progress.state("running", null);
        return true;
    }

    /** Sleeps unless cancelled; @return false if cancelled meanwhile. */
    private boolean sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            while (System.nanoTime() < until) {
                if (cancelled.getAsBoolean()) {
                    progress.state("cancelled", null);
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
