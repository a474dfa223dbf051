package dev.segue.playlist.request;

import dev.segue.playlist.playlist.Ordering;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A playlist to build. Absent fields take the configured defaults ({@code segue.playlist.defaults.*});
 * {@code size} and {@code targetMinutes} are alternatives (one or neither).
 */
public record PlaylistRequest(
        @NotEmpty @Size(max = 20) List<@NotNull Long> seeds,
        @Min(1) @Max(500) Integer size,
        @Min(1) @Max(1440) Integer targetMinutes,
        @Valid Weights weights,
        @Min(1) Integer maxPerArtist,
        @Min(0) @Max(50) Integer artistGap,
        @Min(0) @Max(50) Integer albumGap,
        @Min(0) Integer minTrackSeconds,
        @Min(1) Integer maxTrackSeconds,
        @Positive Double bpmWindow,
        @Size(max = 10000) List<@NotNull Long> excludeTrackIds,
        Ordering ordering,
        Boolean includeUnanalysed,
        @Size(max = 200) String name) {
}
