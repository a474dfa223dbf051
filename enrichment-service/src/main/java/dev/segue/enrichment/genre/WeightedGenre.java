package dev.segue.enrichment.genre;

/** A canonical genre with its weight 0..1 within one source's answer for one entity. */
public record WeightedGenre(String genre, double weight) {
}
