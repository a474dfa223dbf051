package dev.segue.library.scan;

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
}
