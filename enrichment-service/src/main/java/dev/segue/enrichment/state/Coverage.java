package dev.segue.enrichment.state;

import java.util.Map;

/** Coverage of one entity type: how many have genres at all and from each genre source, and the fetch states per source. */
public record Coverage(long total, long withGenres, double coverage, Map<String, Long> withGenresFrom,
        Map<String, Map<String, Long>> states) {
}
