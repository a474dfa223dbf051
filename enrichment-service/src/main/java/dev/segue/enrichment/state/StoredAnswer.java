package dev.segue.enrichment.state;

import dev.segue.enrichment.genre.Source;
import java.util.List;

/**
 * A source's stored answer for one entity: its raw tags as JSON ({@code enrichment_state.raw_tags}) and
 * the names of the entity and its artist (and album), which tags repeating them are not genres.
 */
public record StoredAnswer(long entityId, Source source, String rawTagsJson, List<String> names) {
}
