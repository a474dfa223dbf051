package dev.segue.enrichment.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.enrichment.run.EnrichmentRun;
import java.time.OffsetDateTime;

/** An enrichment run as the API shows it; {@code progress} holds one entry per source. */
public record RunView(long id, String scope, boolean force, Integer limit, boolean allTracks, String status, JsonNode progress,
        String message, OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    static RunView of(EnrichmentRun run) {
        return new RunView(run.id(), run.scope(), run.force(), run.limit(), run.allTracks(), run.status(), run.progress(),
                run.message(), run.createdAt(), run.startedAt(), run.finishedAt());
    }
}
