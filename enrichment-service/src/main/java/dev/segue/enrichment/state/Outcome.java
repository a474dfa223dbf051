package dev.segue.enrichment.state;

import dev.segue.enrichment.genre.RawTag;
import java.util.List;

/** What one source said about one entity. */
public sealed interface Outcome {

    /** The source knows the entity; {@code tags} may be empty. */
    record Found(String externalId, List<RawTag> tags) implements Outcome {
    }

    /** The source does not know the entity (negative-cached). */
    record NotFound(String externalId, String reason) implements Outcome {
    }

    /** The fetch failed; tried again after a back-off. */
    record Failed(String error) implements Outcome {
    }
}
