package dev.segue.enrichment.service;

import dev.segue.commons.database.DatabaseOutage;
import dev.segue.enrichment.client.SourceStatus;
import dev.segue.enrichment.client.SourceUnavailableException;
import dev.segue.enrichment.client.SourceUnreachableException;
import dev.segue.enrichment.genre.EntityType;
import dev.segue.enrichment.library.AlbumRef;
import dev.segue.enrichment.library.ArtistRef;
import dev.segue.enrichment.library.TrackRef;
import dev.segue.enrichment.repository.LibraryRepository;
import dev.segue.enrichment.state.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fetches and records claimed entities of one source: reads them from the library, asks the source
 * (albums grouped by artist when it answers per artist) and records each outcome as it comes.
 */
final class EntityFetcher {

    private final SourceShare share;
    private final SourceClaims claims;
    private final LibraryRepository library;
    private final EnrichmentRecorder recorder;
    private final SourceStatus status;
    private final DatabaseOutage outage;

    EntityFetcher(SourceShare share, SourceClaims claims, LibraryRepository library, EnrichmentRecorder recorder, SourceStatus status,
            DatabaseOutage outage) {
        this.share = share;
        this.claims = claims;
        this.library = library;
        this.recorder = recorder;
        this.status = status;
        this.outage = outage;
    }

    /** Processes claimed entities, removing each from {@code pending} once its outcome is recorded. */
    int process(EntityType type, List<Long> pending) {
        SourceEnricher enricher = share.enricher();
        int count = 0;
        switch (type) {
            case ARTIST -> {
                for (ArtistRef artist : library.artists(pending)) {
                    if (share.isCancelled()) {
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
                    if (share.isCancelled()) {
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
                    if (share.isCancelled()) {
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
        claims.release(type, pending);
        return count;
    }

    /** An entity is not to blame for a network that reaches nothing: an unreachable source is not recorded as its failure. */
    private static Outcome fetch(Supplier<Outcome> call) {
        try {
            return call.get();
        } catch (SourceUnreachableException e) {
            throw e;
        } catch (SourceUnavailableException e) {
            return new Outcome.Failed(e.getMessage());
        }
    }

    private void save(EntityType type, long id, List<String> names, Outcome outcome, List<Long> pending) {
        // a fetched answer is kept through a database outage: asking the source again would waste its rate limit
        if (!outage.retry(share.source().id() + " enrichment is paused and continues",
                () -> recorder.record(type, share.source(), id, names, outcome))) {
            throw new IllegalStateException("the service stopped while waiting for the database");
        }
        pending.remove(Long.valueOf(id));
        share.progress().done(switch (outcome) {
            case Outcome.Found f -> "found";
            case Outcome.NotFound n -> "not_found";
            case Outcome.Failed f -> "error";
        });
        share.progress().calls(status.calls(share.source()));
    }
}
