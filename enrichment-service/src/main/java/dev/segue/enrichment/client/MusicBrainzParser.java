package dev.segue.enrichment.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segue.enrichment.genre.GenreVocabulary;
import dev.segue.enrichment.genre.RawTag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reads the parts of MusicBrainz answers enrichment needs. */
public final class MusicBrainzParser {

    /** A release group of a browse page with its genres. */
    public record ReleaseGroup(String id, String title, List<RawTag> genres) {
    }

    /** One browse page and the total the server reports. */
    public record ReleaseGroupPage(List<ReleaseGroup> releaseGroups, int total) {
    }

    private MusicBrainzParser() {
    }

    /** {@code genres[]} with their vote counts, strongest first (MusicBrainz sorts them by name). */
    public static List<RawTag> genres(JsonNode entity) {
        List<RawTag> genres = new ArrayList<>();
        for (JsonNode g : entity.path("genres")) {
            String name = g.path("name").asText("").strip();
            if (!name.isEmpty()) {
                JsonNode count = g.path("count");
                genres.add(new RawTag(name, count.isNumber() ? count.asDouble() : count.asDouble(0)));
            }
        }
        genres.sort(Comparator.comparingDouble(RawTag::count).reversed().thenComparing(RawTag::name));
        return genres;
    }

    /**
     * The best search candidate scoring at least {@code threshold}: among those, one whose name or
     * sort name equals the wanted name wins, else the highest score (the server's order breaks ties).
     */
    public static Optional<String> bestArtist(JsonNode search, String name, int threshold) {
        String wanted = GenreVocabulary.key(name);
        JsonNode best = null;
        for (JsonNode a : search.path("artists")) {
            if (a.path("score").asInt(0) < threshold) {
                continue;
            }
            boolean exact = wanted.equals(GenreVocabulary.key(a.path("name").asText("")))
                    || wanted.equals(GenreVocabulary.key(a.path("sort-name").asText("")));
            if (exact) {
                return Optional.ofNullable(a.path("id").textValue());
            }
            if (best == null || a.path("score").asInt() > best.path("score").asInt()) {
                best = a;
            }
        }
        return best == null ? Optional.empty() : Optional.ofNullable(best.path("id").textValue());
    }

    public static ReleaseGroupPage releaseGroups(JsonNode page) {
        List<ReleaseGroup> groups = new ArrayList<>();
        for (JsonNode rg : page.path("release-groups")) {
            groups.add(new ReleaseGroup(rg.path("id").asText(""), rg.path("title").asText(""), genres(rg)));
        }
        return new ReleaseGroupPage(groups, page.path("release-group-count").asInt(groups.size()));
    }
}
