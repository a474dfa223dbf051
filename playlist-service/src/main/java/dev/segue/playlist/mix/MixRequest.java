package dev.segue.playlist.mix;

import dev.segue.playlist.playlist.Ordering;
import dev.segue.playlist.request.Weights;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A mix: how each edition is built (its {@code source} of seeds, {@code size} or {@code targetMinutes}, and the
 * constraints of {@code POST /api/playlists}), where it goes ({@code targets}), when it renews ({@code schedule}),
 * the share of each edition's tracks that were not in the previous one ({@code freshShare}) and how many
 * editions are kept ({@code keepEditions}). POST and PUT need {@code name} and {@code source}; absent fields take
 * the defaults ({@code segue.mixes.*}, {@code segue.playlist.defaults.*}). PATCH changes the fields it gives.
 */
public record MixRequest(
        @Size(max = 200) String name,
        @Valid MixSource source,
        @Min(1) @Max(500) Integer size,
        @Min(1) @Max(1440) Integer targetMinutes,
        @Valid Weights weights,
        @Min(1) Integer maxPerArtist,
        @Min(0) @Max(50) Integer artistGap,
        @Min(0) @Max(50) Integer albumGap,
        @Min(0) Integer minTrackSeconds,
        @Min(1) Integer maxTrackSeconds,
        @Positive Double bpmWindow,
        Ordering ordering,
        Boolean includeUnanalysed,
        @Size(max = 20) List<@NotBlank String> targets,
        @Valid MixSchedule schedule,
        @DecimalMin("0") @DecimalMax("1") Double freshShare,
        @Min(1) @Max(100) Integer keepEditions) {
}
