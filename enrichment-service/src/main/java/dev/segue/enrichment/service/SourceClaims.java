package dev.segue.enrichment.service;

import dev.segue.enrichment.genre.EntityType;
import dev.segue.enrichment.genre.Source;
import dev.segue.enrichment.repository.EnrichmentStateRepository;
import dev.segue.enrichment.state.WorkFilter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** One source's queue in {@code enrichment_state}: due entities seeded, counted, claimed in leased batches and given back. */
final class SourceClaims {

    private final EnrichmentStateRepository states;
    private final Source source;
    private final WorkFilter filter;
    private final String owner;
    private final Duration lease;

    SourceClaims(EnrichmentStateRepository states, Source source, WorkFilter filter, String owner, Duration lease) {
        this.states = states;
        this.source = source;
        this.filter = filter;
        this.owner = owner;
        this.lease = lease;
    }

    /** Seeds the due entities of {@code type}; returns how many are due. */
    int seedAndCount(EntityType type) {
        seed(type);
        return states.countDue(type, source, filter);
    }

    void seed(EntityType type) {
        states.seed(type, source, filter);
    }

    /** Up to {@code batch} due entities, or the albums of up to {@code batch / 4} artists when the source asks per artist. */
    List<Long> claim(EntityType type, int batch, boolean albumsByArtist) {
        return type == EntityType.ALBUM && albumsByArtist
                ? states.claimAlbumsByArtist(source, filter, Math.max(1, batch / 4), owner, lease)
                : states.claim(type, source, filter, batch, owner, lease);
    }

    /** Entities of {@code type} other workers hold right now. */
    int claimedByOthers(EntityType type) {
        return states.claimedByOthers(type, source, owner);
    }

    void release(EntityType type, Collection<Long> ids) {
        states.release(type, source, ids, owner);
    }
}
