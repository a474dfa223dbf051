package dev.segue.library.rest;

import dev.segue.library.scan.ScanRun;
import dev.segue.library.scan.SkippedFiles;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** A scan run as clients see it: what it covers, where it stands, how fast it goes. */
public record ScanRunView(
        long id,
        List<String> roots,
        String trigger,
        String status,
        int discovered,
        int processed,
        int newTracks,
        int updated,
        int unchanged,
        int moved,
        int missing,
        int errors,
        List<SkippedFiles> skipped,
        int skippedTotal,
        double filesPerSecond,
        Long etaSeconds,
        String message,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt) {

    /** The view of a run: its rate over its time so far (until it finished) and, while it runs, the time left at that rate. */
    static ScanRunView of(ScanRun run) {
        double seconds = Duration.between(run.startedAt(), run.finishedAt() != null ? run.finishedAt() : run.asOf()).toMillis() / 1000.0;
        double rate = seconds > 0 ? run.processed() / seconds : 0;
        Long eta = run.status().equals("running") && rate > 0 ? Math.round(Math.max(0, run.discovered() - run.processed()) / rate) : null;
        return new ScanRunView(run.id(), run.roots(), run.trigger(), run.status(), run.discovered(), run.processed(), run.newTracks(),
                run.updated(), run.unchanged(), run.moved(), run.missing(), run.errors(), run.skipped(),
                run.skipped().stream().mapToInt(SkippedFiles::count).sum(), Math.round(rate * 10) / 10.0, eta, run.message(),
                run.startedAt(), run.finishedAt());
    }
}
