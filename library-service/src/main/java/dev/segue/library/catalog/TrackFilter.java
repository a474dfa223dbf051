package dev.segue.library.catalog;

/**
 * Filters of the track listing, all optional: artist and album by id or by name (matched on the
 * normalized key), a genre from tags or enrichment, a text search over title/artist/album, a status.
 */
public record TrackFilter(String artist, String album, String genre, String q, String status) {
}
