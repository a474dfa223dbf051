package dev.segue.playlist.request;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What was just played, oldest first, and how many tracks should follow it.
 *
 * @param count tracks wanted after the last recent one; 10 when absent
 */
public record ContinueRequest(@NotEmpty @Size(max = 200) List<@NotNull Long> recent, @Min(1) @Max(100) Integer count) {
}
