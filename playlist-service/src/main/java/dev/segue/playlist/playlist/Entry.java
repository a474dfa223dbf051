package dev.segue.playlist.playlist;

/**
 * One track of a built playlist with the scores that put it there (NaN = not applicable).
 *
 * @param sonicMissing the track has no sonic analysis, so its sound played no part
 */
public record Entry(long trackId, int row, double sonic, double genre, double transition, double total,
                    boolean sonicMissing, boolean seed) {
}
