package dev.segue.enrichment.genre;

/** A tag or genre exactly as a source returned it, with the source's own count (0 when none was given). */
public record RawTag(String name, double count) {
}
