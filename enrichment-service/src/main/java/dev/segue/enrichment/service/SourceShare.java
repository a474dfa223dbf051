package dev.segue.enrichment.service;

import dev.segue.enrichment.genre.EntityType;
import dev.segue.enrichment.genre.Source;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One source's share of a run: what it works through (the phases, at most {@code limit} entities per
 * phase), where it reports and how it learns that the run was cancelled.
 */
record SourceShare(SourceEnricher enricher, List<EntityType> phases, Integer limit, SourceProgress progress, BooleanSupplier cancelled) {

    Source source() {
        return enricher.source();
    }

    boolean isCancelled() {
        return cancelled.getAsBoolean();
    }
}
