package dev.segue.library.rest;

import dev.segue.library.catalog.CatalogStats;
import java.util.Map;

/** Library totals: present tracks, albums and artists that have one, missing tracks, tracks per format. */
public record LibraryStats(long tracks, long albums, long artists, long missing, long totalDurationMs, long totalBytes,
        Map<String, Long> byFormat) {

    static LibraryStats of(CatalogStats s) {
        return new LibraryStats(s.tracks(), s.albums(), s.artists(), s.missing(), s.totalDurationMs(), s.totalBytes(), s.byFormat());
    }
}
