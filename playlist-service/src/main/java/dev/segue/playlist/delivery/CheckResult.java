package dev.segue.playlist.delivery;

/**
 * {@code GET /api/targets/{name}/check}: whether the server answers, whether its credentials work, and how many
 * Segue tracks its catalogue holds; {@code detail} says what is wrong when something is.
 */
public record CheckResult(String target, boolean reachable, boolean authenticated, Integer catalogueTracks,
                          Integer matchableTracks, Integer libraryTracks, String detail) {
}
