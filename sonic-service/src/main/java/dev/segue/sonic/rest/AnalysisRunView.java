package dev.segue.sonic.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.segue.commons.run.RunStatus;
import dev.segue.sonic.service.RunProgress;
import java.time.OffsetDateTime;
import java.util.List;

/** A run and its progress; {@code failures} (newest first, at most 100) only on the single-run view. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisRunView(long id, String scope, boolean force, List<Long> trackIds, RunStatus status, int total,
                              int done, int failed, int remaining, double ratePerSecond, Long etaSeconds,
                              String message, OffsetDateTime createdAt, OffsetDateTime startedAt,
                              OffsetDateTime finishedAt, List<Failure> failures) {

    public record Failure(long trackId, String path, String status, String error) {
    }

    static AnalysisRunView of(RunProgress run) {
        List<Failure> failures = run.failures() == null ? null : run.failures().stream()
                .map(f -> new Failure(f.trackId(), f.path(), f.status(), f.error())).toList();
        return new AnalysisRunView(run.id(), run.scope(), run.force(), run.trackIds(), run.status(), run.total(),
                run.done(), run.failed(), run.remaining(), run.ratePerSecond(), run.etaSeconds(), run.message(),
                run.createdAt(), run.startedAt(), run.finishedAt(), failures);
    }
}
