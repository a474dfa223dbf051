package dev.segue.commons.run;

import java.time.Duration;

/**
 * How fast a run goes: {@code done} items over the time it worked and, while it is active, the time left
 * for the rest at that rate (null when unknown).
 */
public record RunRate(double ratePerSecond, Long etaSeconds) {

    public static RunRate of(long done, long total, Duration worked, boolean active) {
        double seconds = worked.toMillis() / 1000.0;
        double rate = seconds > 0 ? done / seconds : 0;
        Long eta = active && rate > 0 ? Math.round(Math.max(0, total - done) / rate) : null;
        return new RunRate(Math.round(rate * 100) / 100.0, eta);
    }
}
