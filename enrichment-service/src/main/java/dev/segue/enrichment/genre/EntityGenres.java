package dev.segue.enrichment.genre;

import java.util.List;

/** The effective genres of an entity; a track without its own genres inherits its album's, else its artist's. */
public record EntityGenres(String entityType, long id, String inheritedFrom, List<EffectiveGenre> genres) {
}
