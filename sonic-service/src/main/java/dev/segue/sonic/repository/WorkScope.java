package dev.segue.sonic.repository;

import java.time.OffsetDateTime;

/**
 * Which tracks a run works on, as a condition on table state (never a stored list), so a restart or
 * another replica derives exactly the same remaining work.
 *
 * @param trackIds   only these tracks, or null for the whole library
 * @param retryNotOk also tracks whose current analysis failed or was unsupported before {@code since}
 * @param force      also tracks analysed successfully before {@code since}
 * @param since      the run's creation time; null when neither retry nor force applies
 */
public record WorkScope(Long[] trackIds, boolean retryNotOk, boolean force, OffsetDateTime since) {

    /** Tracks without a current analysis: new, changed content, older analyzer version, or new decoder. */
    public static WorkScope pending() {
        return new WorkScope(null, false, false, null);
    }
}
