package dev.segue.playlist.index;

/**
 * Where {@link IndexBuilder#build} reads the raw vectors of the analysed tracks from: the rank normalisation needs
 * every track's raw values at each rebuild. The service's source is the database, so the builder holds no raw
 * vector between rebuilds; {@link HeldVectors} keeps them in memory for an index built from data at hand.
 */
public interface VectorSource {

    /** A track's vectors as a poll read them: kept by a source that cannot read them again, dropped by one that can. */
    default void put(long trackId, float[] raw) {
    }

    default void remove(long trackId) {
    }

    default void clear() {
    }

    /**
     * The current raw vectors of each of {@code trackIds} (ascending) into {@code out} at the same position, each
     * of {@code length} values; left null for a track that has none now.
     */
    void read(int analyzerVersion, int length, long[] trackIds, float[][] out);
}
