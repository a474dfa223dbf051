package dev.segue.enrichment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segue.enrichment.genre.EntityType;
import dev.segue.enrichment.genre.GenreCanonicalizer;
import dev.segue.enrichment.genre.RawTag;
import dev.segue.enrichment.genre.WeightedGenre;
import dev.segue.enrichment.repository.GenreRepository;
import dev.segue.enrichment.state.StoredAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** Re-canonicalises every stored answer (raw tags in {@code enrichment_state}) and the file tags, without any call. */
@ApplicationScoped
public class GenreRecomputeService {

    /** What a recompute rewrote. */
    public record Result(int entitiesFromSources, int genreRows, int tracksWithFileGenres) {
    }

    private static final TypeReference<List<RawTag>> TAGS = new TypeReference<>() {
    };

    private final GenreRepository store;
    private final GenreCanonicalizer canonicalizer;
    private final ObjectMapper json;

    GenreRecomputeService(GenreRepository store, GenreCanonicalizer canonicalizer, ObjectMapper json) {
        this.store = store;
        this.canonicalizer = canonicalizer;
        this.json = json;
    }

    @Transactional
    public Result recompute() {
        store.syncVocabulary();
        int entities = 0;
        int rows = 0;
        try {
            for (EntityType type : EntityType.values()) {
                for (StoredAnswer answer : store.storedAnswers(type)) {
                    List<RawTag> tags = json.readValue(answer.rawTagsJson(), TAGS);
                    List<WeightedGenre> genres = canonicalizer.canonicalize(tags, answer.names());
                    store.replace(type, answer.source().genreSource(type), answer.entityId(), genres);
                    entities++;
                    rows += genres.size();
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not recompute genres: " + e.getMessage(), e);
        }
        return new Result(entities, rows, store.syncFileGenres());
    }
}
