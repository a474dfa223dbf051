package dev.segue.enrichment.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.commons.run.RunStatus;
import java.time.OffsetDateTime;

/** An enrichment run as stored; {@code progress} holds one entry per source. */
public record EnrichmentRun(long id, String scope, boolean force, Integer limit, boolean allTracks, RunStatus status, JsonNode progress,
        String message, OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
}
