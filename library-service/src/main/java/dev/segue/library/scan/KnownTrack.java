package dev.segue.library.scan;

/** A track already stored under a scanned root; {@code mtimeMicros} since the epoch, as stored. */
public record KnownTrack(long id, long size, long mtimeMicros, boolean present, String contentKey) {
}
