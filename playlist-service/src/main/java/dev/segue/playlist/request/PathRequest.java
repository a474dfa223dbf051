package dev.segue.playlist.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A playlist that moves step by step from one track's sound to another's; {@code size} counts both ends. */
public record PathRequest(@NotNull Long from, @NotNull Long to, @Min(3) @Max(200) Integer size,
                          @Valid Weights weights, @Min(1) Integer maxPerArtist, @Min(0) @Max(50) Integer artistGap,
                          @Size(max = 200) String name) {
}
