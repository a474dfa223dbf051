package dev.segue.enrichment.genre;

/** One source's weight for a genre. */
public record SourceWeight(String source, double weight) {
}
