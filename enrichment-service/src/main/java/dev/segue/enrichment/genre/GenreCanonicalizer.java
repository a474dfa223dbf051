package dev.segue.enrichment.genre;

import dev.segue.enrichment.config.EnrichmentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the raw tags of one source for one entity into weighted canonical genres: tags are mapped
 * through the vocabulary (aliases, ignore list, years), tags naming the entity itself ("Radiohead"
 * on Radiohead) are dropped, weights are the source's counts relative to its strongest genre, then
 * the minimum weight and the top-N limit apply.
 */
@ApplicationScoped
public class GenreCanonicalizer {

    private final GenreVocabulary vocabulary;
    private final double minWeight;
    private final int topN;

    @Inject
    GenreCanonicalizer(EnrichmentConfig config) {
        this(GenreVocabulary.load(config.genres().keepCountries()), config.genres().minWeight(), config.genres().topN());
    }

    GenreCanonicalizer(GenreVocabulary vocabulary, double minWeight, int topN) {
        this.vocabulary = vocabulary;
        this.minWeight = minWeight;
        this.topN = topN;
    }

    public GenreVocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * @param tags        the source's tags; a count of 0 means the source gave none and counts as 1
     * @param entityNames names of the entity and its artist, never genres of it
     */
    public List<WeightedGenre> canonicalize(Collection<RawTag> tags, Collection<String> entityNames) {
        Set<String> names = entityNames.stream().filter(n -> n != null && !n.isBlank())
                .map(n -> GenreVocabulary.compact(GenreVocabulary.key(n))).collect(Collectors.toSet());
        Map<String, Double> best = new LinkedHashMap<>();
        for (RawTag tag : tags) {
            if (tag.name() == null || names.contains(GenreVocabulary.compact(GenreVocabulary.key(tag.name())))) {
                continue;
            }
            double count = tag.count() > 0 ? tag.count() : 1;
            vocabulary.canonical(tag.name()).ifPresent(g -> best.merge(g, count, Math::max));
        }
        double max = best.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        List<WeightedGenre> result = new ArrayList<>();
        best.forEach((genre, count) -> {
            double weight = round(count / max);
            if (weight >= minWeight) {
                result.add(new WeightedGenre(genre, weight));
            }
        });
        result.sort(Comparator.comparingDouble(WeightedGenre::weight).reversed().thenComparing(WeightedGenre::genre));
        return result.size() > topN ? List.copyOf(result.subList(0, topN)) : result;
    }

    /**
     * Genres from file tags: a tag may hold several ("Rock; Alternative", "Hip-Hop/Rap"), each an
     * explicit choice of the user, so all weigh 1. A part the vocabulary does not know ("Game") is kept
     * under its own folded name as a genre without parent, since offline the files are the only genre
     * source and the user chose it; ignored tags ("Other", years) still go.
     */
    public List<WeightedGenre> fromFileTags(Collection<String> tagGenres) {
        List<RawTag> split = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String value : tagGenres) {
            if (value == null) {
                continue;
            }
            boolean wholeKnown = vocabulary.canonical(value).isPresent();
            for (String part : value.split("[;,|/\\\\\u0000]")) {
                if (!part.isBlank()) {
                    split.add(new RawTag(part.strip(), 1));
                    String key = GenreVocabulary.key(part);
                    if (!wholeKnown && key.length() >= 2 && !vocabulary.isIgnored(key) && vocabulary.canonical(part).isEmpty()) {
                        unknown.add(key);
                    }
                }
            }
            // "Hip-Hop/Rap" is also a whole tag some sources use
            split.add(new RawTag(value.strip(), 1));
        }
        List<WeightedGenre> genres = new ArrayList<>(canonicalize(split, List.of()));
        for (String key : unknown) {
            if (genres.size() < topN) {
                genres.add(new WeightedGenre(key, 1));
            }
        }
        return genres;
    }

    private static double round(double weight) {
        return Math.round(weight * 1000) / 1000.0;
    }
}
