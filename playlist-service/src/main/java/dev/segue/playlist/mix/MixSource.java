package dev.segue.playlist.mix;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Where each edition's seeds come from, exactly one of: fixed {@code seeds}; the tracks added to the library in
 * the last {@code addedWithinDays} days; the tracks of the stored playlist {@code playlist}. A rule draws the
 * seeds of each edition from its tracks at random, those not in the previous edition first.
 */
public record MixSource(@Size(min = 1, max = 20) List<@NotNull Long> seeds,
                        @Min(1) @Max(3650) Integer addedWithinDays,
                        @Positive Long playlist) {
}
