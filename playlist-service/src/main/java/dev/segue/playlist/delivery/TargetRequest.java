package dev.segue.playlist.delivery;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/** One target of {@code PUT /api/targets}; there is no field for a secret on purpose. */
public record TargetRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,40}", message = "a name is 1-40 letters, digits, '_' or '-'") String name,
        @NotNull Kind kind, String url, String directory, String section, String user, List<String> pathMappings) {
}
