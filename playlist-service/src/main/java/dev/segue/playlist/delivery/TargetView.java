package dev.segue.playlist.delivery;

import java.util.List;

/**
 * A target as the API shows it: which environment variable holds its secret and whether it is set, never the
 * secret. {@code source} is {@code config} (application configuration) or {@code api} (PUT /api/targets).
 */
public record TargetView(String name, Kind kind, String url, String directory, String section, String user,
                         List<String> pathMappings, String secretVariable, boolean secretSet, String source) {
}
