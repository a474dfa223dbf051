package dev.segue.library.catalog;

import java.util.Map;

/** Library totals: present tracks, albums and artists that have one, missing tracks, tracks per format. */
public record CatalogStats(long tracks, long albums, long artists, long missing, long totalDurationMs, long totalBytes,
        Map<String, Long> byFormat) {
}
