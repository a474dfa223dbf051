package dev.segue.commons.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a scan, enrichment or analysis run stands; stored and shown in lower case. A run is active while
 * {@link #QUEUED} or {@link #RUNNING}; {@link #ABORTED} is a scan that refused to touch the library (an
 * absent or empty root), which the other runs never are.
 */
public enum RunStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, ABORTED, CANCELLED;

    /** The statuses of a run that is not over. */
    public static final List<RunStatus> ACTIVE = List.of(QUEUED, RUNNING);

    private final String id = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String id() {
        return id;
    }

    public boolean active() {
        return ACTIVE.contains(this);
    }

    public static RunStatus of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No run status '" + id + "'"));
    }

    @Override
    public String toString() {
        return id;
    }
}
