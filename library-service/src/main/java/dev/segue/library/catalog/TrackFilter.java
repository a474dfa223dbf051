package dev.segue.library.catalog;

/**
 * Filters of the track listing, all optional: artist and album by id or by name (matched on the
 * normalized key), a genre from tags or enrichment, words that must each appear in the title, artist, album,
 * album artist or file name ({@code q}), a status.
 */
public record TrackFilter(String artist, String album, String genre, String q, String status) {
}
