package dev.segue.playlist.rest;

import dev.segue.playlist.delivery.Kind;
import dev.segue.playlist.delivery.ListedTarget;
import dev.segue.playlist.delivery.Target;
import java.util.List;

/**
 * A target as the API shows it: which environment variable holds its secret and whether it is set, never the
 * secret. {@code source} is {@code config} (application configuration) or {@code api} (PUT /api/targets).
 */
public record TargetView(String name, Kind kind, String url, String directory, String section, String user,
                         List<String> pathMappings, String secretVariable, boolean secretSet, String source) {

    static TargetView of(ListedTarget listed) {
        Target t = listed.target();
        return new TargetView(t.name(), t.kind(), t.url(), t.directory(), t.section(), t.user(), t.pathMappings(),
                t.kind() == Kind.FOLDER ? null : t.secretVariable(), listed.secretSet(), t.source());
    }
}
