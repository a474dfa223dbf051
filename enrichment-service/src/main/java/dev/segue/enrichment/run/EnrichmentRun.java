package dev.segue.enrichment.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** An enrichment run as stored; {@code progress} holds one entry per source. */
public record EnrichmentRun(long id, String scope, boolean force, Integer limit, boolean allTracks, String status, JsonNode progress,
        String message, OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
}
