package dev.segue.sonic.service;

import dev.segue.commons.run.RunStatus;
import java.time.OffsetDateTime;
import java.util.List;

/** A run and how far it got; {@code failures} (newest first) only when asked for, else null. */
public record RunProgress(long id, String scope, boolean force, List<Long> trackIds, RunStatus status, int total,
                          int done, int failed, int remaining, double ratePerSecond, Long etaSeconds,
                          String message, OffsetDateTime createdAt, OffsetDateTime startedAt,
                          OffsetDateTime finishedAt, List<Failure> failures) {

    public record Failure(long trackId, String path, String status, String error) {
    }
}
