package dev.segue.enrichment.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.commons.run.RunStatus;
import dev.segue.enrichment.run.EnrichmentRun;
import java.time.OffsetDateTime;

/**
 * An enrichment run as the API shows it. {@code total}, {@code done}, {@code failed} (the sources' errors),
 * {@code ratePerSecond} and {@code etaSeconds} sum up the sources, which work in parallel (the ETA is the
 * slowest source's); {@code progress} holds one entry per source.
 */
public record RunView(long id, String scope, boolean force, Integer limit, boolean allTracks, RunStatus status, long total, long done,
        long failed, double ratePerSecond, Long etaSeconds, JsonNode progress, String message, OffsetDateTime createdAt,
        OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    static RunView of(EnrichmentRun run) {
        long total = 0;
        long done = 0;
        long failed = 0;
        double rate = 0;
        Long eta = null;
        for (JsonNode source : run.progress()) {
            total += source.path("total").asLong();
            done += source.path("done").asLong();
            failed += source.path("errors").asLong();
            rate += source.path("ratePerSecond").asDouble();
            if (run.status().active() && source.path("etaSeconds").isNumber()) {
                eta = Math.max(eta == null ? 0 : eta, source.path("etaSeconds").asLong());
            }
        }
        return new RunView(run.id(), run.scope(), run.force(), run.limit(), run.allTracks(), run.status(), total, done, failed,
                Math.round(rate * 100) / 100.0, eta, run.progress(), run.message(), run.createdAt(), run.startedAt(), run.finishedAt());
    }
}
