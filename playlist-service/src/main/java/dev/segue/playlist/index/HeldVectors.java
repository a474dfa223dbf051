package dev.segue.playlist.index;

import java.util.HashMap;
import java.util.Map;

/** Raw vectors kept in memory, for an index built from data at hand (tests, benchmarks). */
final class HeldVectors implements VectorSource {

    private final Map<Long, float[]> vectors = new HashMap<>();

    @Override
    public void put(long trackId, float[] raw) {
        vectors.put(trackId, raw);
    }

    @Override
    public void remove(long trackId) {
        vectors.remove(trackId);
    }

    @Override
    public void clear() {
        vectors.clear();
    }

    @Override
    public void read(int analyzerVersion, int length, long[] trackIds, float[][] out) {
        for (int i = 0; i < trackIds.length; i++) {
            out[i] = vectors.get(trackIds[i]);
        }
    }
}
