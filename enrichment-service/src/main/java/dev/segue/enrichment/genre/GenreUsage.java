package dev.segue.enrichment.genre;

/** A vocabulary genre and how many entities carry it (any source). */
public record GenreUsage(String name, String parent, long artists, long albums, long tracks) {
}
