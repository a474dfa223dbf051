package dev.segue.playlist.playlist;

/**
 * One track of a playlist or neighbour list as the API shows it.
 *
 * @param sonicMissing the track has no sonic analysis: its sound played no part in its scores
 * @param seed         a track the request named, not one chosen by similarity
 */
public record PlaylistEntryView(int position, long trackId, String title, String artist, String album,
                                Integer durationSeconds, Scores scores, boolean sonicMissing, boolean seed) {
}
