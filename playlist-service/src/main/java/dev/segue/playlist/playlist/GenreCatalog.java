package dev.segue.playlist.playlist;

import java.util.Map;

/** Genre names and parents by genre id, as enrichment-service's vocabulary has them. */
public record GenreCatalog(Map<Long, String> names, Map<Long, Long> parents) {

    public String name(long id) {
        return names.getOrDefault(id, "genre " + id);
    }

    /** True when {@code ancestor} is a parent, grandparent … of {@code genre}. */
    public boolean isAncestor(long ancestor, long genre) {
        Long g = parents.get(genre);
        for (int depth = 0; g != null && depth < 16; depth++) {
            if (g == ancestor) {
                return true;
            }
            g = parents.get(g);
        }
        return false;
    }

    /** The top of a genre's family ("rock" for "indie rock"). */
    public long root(long genre) {
        long g = genre;
        for (int depth = 0; parents.containsKey(g) && depth < 16; depth++) {
            g = parents.get(g);
        }
        return g;
    }
}
