package dev.segue.playlist.index;

import java.time.Instant;

/**
 * What the in-memory index holds.
 *
 * @param vectorBytes heap held by the vector and genre arrays (metadata strings excluded)
 */
public record IndexStats(int tracks, int analysedTracks, int analyzerVersion, long vectorBytes, Instant builtAt,
                         Instant lastRefresh) {
}
