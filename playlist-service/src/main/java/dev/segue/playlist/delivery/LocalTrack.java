package dev.segue.playlist.delivery;

/** A Segue track with what matching needs; {@code mbid} and {@code seconds} may be null. */
public record LocalTrack(long trackId, String path, String mbid, String artist, String title, Integer seconds) {
}
