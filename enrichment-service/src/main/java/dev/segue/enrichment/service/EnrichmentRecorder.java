package dev.segue.enrichment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segue.enrichment.config.EnrichmentConfig;
import dev.segue.enrichment.genre.EntityType;
import dev.segue.enrichment.genre.GenreCanonicalizer;
import dev.segue.enrichment.genre.Source;
import dev.segue.enrichment.genre.WeightedGenre;
import dev.segue.enrichment.repository.EnrichmentStateRepository;
import dev.segue.enrichment.repository.GenreRepository;
import dev.segue.enrichment.state.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Writes a fetch outcome in one transaction: the state row (with the raw tags, for re-canonicalising
 * later without calls) and the canonical genres of that source for that entity.
 */
@ApplicationScoped
public class EnrichmentRecorder {

    private final EnrichmentStateRepository states;
    private final GenreRepository genres;
    private final GenreCanonicalizer canonicalizer;
    private final ObjectMapper json;
    private final EnrichmentConfig.Refresh refresh;

    EnrichmentRecorder(EnrichmentStateRepository states, GenreRepository genres, GenreCanonicalizer canonicalizer,
            ObjectMapper json, EnrichmentConfig config) {
        this.states = states;
        this.genres = genres;
        this.canonicalizer = canonicalizer;
        this.json = json;
        this.refresh = config.refresh();
    }

    /**
     * @param names the entity's own name and its artist's: tags repeating them are not genres
     * @return the canonical genres written (empty unless found)
     */
    @Transactional
    public List<WeightedGenre> record(EntityType type, Source source, long id, Collection<String> names, Outcome outcome) {
        switch (outcome) {
            case Outcome.Found found -> {
                List<WeightedGenre> canonical = canonicalizer.canonicalize(found.tags(), names);
                states.record(type, source, id, "found", found.externalId(), toJson(found.tags()), null, seconds(refresh.ttl()));
                genres.replace(type, source.genreSource(type), id, canonical);
                return canonical;
            }
            case Outcome.NotFound notFound -> {
                states.record(type, source, id, "not_found", notFound.externalId(), null, notFound.reason(),
                        seconds(refresh.notFoundRetryAfter()));
                genres.replace(type, source.genreSource(type), id, List.of());
                return List.of();
            }
            case Outcome.Failed failed -> {
                int attempts = states.attempts(type, source, id);
                long backoff = Math.min(refresh.errorBackoff().toSeconds() << Math.min(attempts, 20), refresh.maxErrorBackoff().toSeconds());
                states.record(type, source, id, "error", null, null, failed.error(), backoff);
                return List.of();
            }
        }
    }

    private String toJson(Object tags) {
        try {
            return json.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
