package dev.segue.playlist.similarity;

/**
 * One of the segments {@link SonicVectors} holds per track, by its position in the raw vectors: beginning,
 * middle, end, average. The index's {@code Segment} enum (with the database's names) implements it, so this
 * package needs nothing of the index's.
 */
public interface SoundSegment {

    int COUNT = 4;
    int BEGINNING = 0;
    int END = 2;
    int AVERAGE = 3;

    /** The position, 0 to {@link #COUNT} − 1. */
    int ordinal();
}
