package dev.segue.enrichment.genre;

import java.util.List;

/**
 * A genre of an entity: {@code weight} is the mean over the sources that gave the entity any
 * genre (a source that did not name this genre counts 0), so agreement between sources ranks higher.
 */
public record EffectiveGenre(String genre, String parent, double weight, List<SourceWeight> sources) {
}
