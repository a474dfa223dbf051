package dev.segue.enrichment.service;

import dev.segue.enrichment.genre.Source;
import dev.segue.enrichment.library.AlbumRef;
import dev.segue.enrichment.library.ArtistRef;
import dev.segue.enrichment.library.TrackRef;
import dev.segue.enrichment.state.Outcome;
import java.util.List;
import java.util.Map;

/**
 * How one source answers for artists, albums and tracks. Methods throw the clients' exceptions
 * (unavailable, breaker open, disabled); the worker decides what they mean for the run.
 */
interface SourceEnricher {

    Source source();

    Outcome artist(ArtistRef artist);

    /** Albums of one album artist, so a source can cover them with one request. */
    Map<Long, Outcome> albums(List<AlbumRef> albumsOfOneArtist);

    Outcome track(TrackRef track);

    /** Whether claims should group albums by album artist. */
    default boolean albumsByArtist() {
        return false;
    }
}
