package dev.segue.playlist.index;

/**
 * What the index keeps about a present track besides its sound and genres.
 *
 * @param albumId    null for a track without an album
 * @param durationMs null when the tags did not say
 */
public record TrackInfo(long id, String title, long artistId, String artist, Long albumId, String album,
                        Integer durationMs, String path) {
}
