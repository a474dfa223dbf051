package dev.segue.playlist.rest;

import dev.segue.playlist.delivery.Kind;
import dev.segue.playlist.delivery.Target;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/** One target of {@code PUT /api/targets}; there is no field for a secret on purpose. */
public record TargetRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,40}", message = "a name is 1-40 letters, digits, '_' or '-'") String name,
        @NotNull Kind kind, String url, String directory, String section, String user, List<String> pathMappings) {

    /** The target this defines through the API; blank fields are absent. */
    Target target() {
        return new Target(name, kind, blankToNull(url), blankToNull(directory), blankToNull(section), blankToNull(user),
                pathMappings == null ? List.of() : List.copyOf(pathMappings), "api");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
