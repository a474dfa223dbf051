package dev.segue.playlist.delivery;

/** A track in a server's catalogue; every field but {@code id} may be null. */
public record RemoteTrack(String id, String path, String mbid, String artist, String title, Integer seconds) {
}
