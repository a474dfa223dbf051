package dev.segue.playlist.rest;

import dev.segue.playlist.playlist.PlaylistListing;
import java.time.OffsetDateTime;

/** A stored playlist in a list: no tracks. */
public record PlaylistSummary(long id, String name, OffsetDateTime createdAt, boolean genreOnly, int trackCount,
                              long durationSeconds) {

    static PlaylistSummary of(PlaylistListing p) {
        return new PlaylistSummary(p.id(), p.name(), p.createdAt(), p.genreOnly(), p.trackCount(), p.durationSeconds());
    }
}
