package dev.segue.playlist.playlist;

import java.time.OffsetDateTime;

/** A stored playlist in a list: no tracks. */
public record PlaylistListing(long id, String name, OffsetDateTime createdAt, boolean genreOnly, int trackCount,
                              long durationSeconds) {
}
