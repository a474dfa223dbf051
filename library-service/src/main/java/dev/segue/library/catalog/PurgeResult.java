package dev.segue.library.catalog;

import java.time.Instant;

/** What an explicit purge of missing tracks removed. */
public record PurgeResult(Instant missingBefore, int tracks, int albums, int artists) {
}
