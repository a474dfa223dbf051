package dev.segue.playlist.request;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** Relative weights of sonic and genre similarity; normalised to sum 1 before use. */
public record Weights(@NotNull @DecimalMin("0") @DecimalMax("1") Double sonic,
                      @NotNull @DecimalMin("0") @DecimalMax("1") Double genre) {
}
