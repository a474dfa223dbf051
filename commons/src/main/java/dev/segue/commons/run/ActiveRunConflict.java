package dev.segue.commons.run;

import dev.segue.commons.problem.ProblemException;

/**
 * 409: a run cannot start while {@code activeRunId} (at {@code activeRunPath}, e.g. {@code /api/scans/12}) is
 * active. The problem names it in its body and in a {@code Location} header, so a client can follow it.
 */
public class ActiveRunConflict extends ProblemException {

    private final long activeRunId;
    private final String activeRunPath;

    public ActiveRunConflict(long activeRunId, String activeRunPath, String detail) {
        super(409, "Conflict", detail);
        this.activeRunId = activeRunId;
        this.activeRunPath = activeRunPath;
    }

    public long activeRunId() {
        return activeRunId;
    }

    public String activeRunPath() {
        return activeRunPath;
    }
}
