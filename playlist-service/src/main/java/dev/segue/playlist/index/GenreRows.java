package dev.segue.playlist.index;

import java.util.HashMap;
import java.util.Map;

/**
 * The genre rows of one artist, album or track (parallel arrays: genre id, source code of its
 * {@link GenreLevel}, weight 0..1).
 */
public record GenreRows(long[] genres, byte[] sources, float[] weights) {

    public int size() {
        return genres.length;
    }

    /**
     * One weight per genre: each source's weight scaled by the source's trust, divided by the total trust of
     * the sources present, so an entity tagged by one source is not out-weighted by one tagged by three.
     */
    public Map<Long, Float> combined() {
        float[] trustBySource = new float[GenreLevel.SOURCES_PER_LEVEL];
        Map<Long, Float> out = new HashMap<>();
        for (int i = 0; i < genres.length; i++) {
            float trust = GenreLevel.sourceWeight(sources[i]);
            trustBySource[sources[i]] = trust;
            out.merge(genres[i], trust * weights[i], Float::sum);
        }
        float trustTotal = 0;
        for (float t : trustBySource) {
            trustTotal += t;
        }
        float total = trustTotal;
        out.replaceAll((g, w) -> w / total);
        return out;
    }
}
