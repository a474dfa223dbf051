package dev.segue.playlist.delivery;

/** A playlist track the server does not have, and why it was not found. */
public record Unmatched(int position, long trackId, String artist, String title, String reason) {
}
