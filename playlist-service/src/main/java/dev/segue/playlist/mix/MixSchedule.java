package dev.segue.playlist.mix;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * When the scheduler renews a mix: a Unix cron expression ({@code "0 6 * * *"}: minute hour day-of-month month
 * day-of-week, in the service's time zone) or every {@code intervalMinutes}; neither (an empty object) for on
 * demand only.
 */
public record MixSchedule(@Size(max = 100) String cron, @Min(1) @Max(527_040) Integer intervalMinutes) {

    public boolean onDemand() {
        return cron == null && intervalMinutes == null;
    }
}
