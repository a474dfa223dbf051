package dev.segue.library.scan;

import dev.segue.commons.run.RunStatus;
import java.time.OffsetDateTime;
import java.util.List;

/** A scan run as stored; {@code asOf} is the clock when it was read, to tell how fast a running scan goes. */
public record ScanRun(
        long id,
        List<String> roots,
        String trigger,
        RunStatus status,
        int discovered,
        int processed,
        int newTracks,
        int updated,
        int unchanged,
        int moved,
        int missing,
        int errors,
        List<SkippedFiles> skipped,
        String message,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        OffsetDateTime asOf) {
}
