package dev.segue.enrichment.state;

import java.time.Instant;

/**
 * Which entities a run works on: those due (never fetched, or their next attempt has come), plus,
 * with {@code force}, everything not fetched since the run started. Tracks only when their album
 * and artist have no genres, unless {@code allTracks}.
 */
public record WorkFilter(boolean force, Instant runStartedAt, boolean allTracks) {
}
