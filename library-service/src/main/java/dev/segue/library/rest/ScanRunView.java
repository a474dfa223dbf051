package dev.segue.library.rest;

import dev.segue.commons.run.RunRate;
import dev.segue.commons.run.RunStatus;
import dev.segue.library.scan.ScanRun;
import dev.segue.library.scan.SkippedFiles;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A scan run as clients see it: what it covers, where it stands, how fast it goes. {@code total} is the audio
 * files found, {@code done} those compared or read, {@code failed} those that could not be read (listed by
 * {@code /api/scans/{id}/errors}).
 */
public record ScanRunView(
        long id,
        List<String> roots,
        String trigger,
        RunStatus status,
        int total,
        int done,
        int failed,
        int newTracks,
        int updated,
        int unchanged,
        int moved,
        int missing,
        List<SkippedFiles> skipped,
        int skippedTotal,
        double ratePerSecond,
        Long etaSeconds,
        String message,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt) {

    /** The view of a run: its rate over its time so far (until it finished) and, while it runs, the time left at that rate. */
    static ScanRunView of(ScanRun run) {
        RunRate rate = RunRate.of(run.processed(), run.discovered(),
                Duration.between(run.startedAt(), run.finishedAt() != null ? run.finishedAt() : run.asOf()), run.status().active());
        return new ScanRunView(run.id(), run.roots(), run.trigger(), run.status(), run.discovered(), run.processed(), run.errors(),
                run.newTracks(), run.updated(), run.unchanged(), run.moved(), run.missing(), run.skipped(),
                run.skipped().stream().mapToInt(SkippedFiles::count).sum(), rate.ratePerSecond(), rate.etaSeconds(), run.message(),
                run.startedAt(), run.finishedAt());
    }
}
