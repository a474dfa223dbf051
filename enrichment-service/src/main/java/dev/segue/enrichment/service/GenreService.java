package dev.segue.enrichment.service;

import dev.segue.commons.problem.ProblemException;
import dev.segue.enrichment.genre.EntityGenres;
import dev.segue.enrichment.genre.EntityType;
import dev.segue.enrichment.genre.GenreUsage;
import dev.segue.enrichment.repository.EffectiveGenreRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The genres as clients read them: the vocabulary with usage, and an entity's effective genres. */
@ApplicationScoped
public class GenreService {

    private final EffectiveGenreRepository genres;

    GenreService(EffectiveGenreRepository genres) {
        this.genres = genres;
    }

    public List<GenreUsage> vocabulary(boolean usedOnly) {
        return genres.vocabulary(usedOnly);
    }

    public EntityGenres of(EntityType type, long id) {
        return genres.of(type, id).orElseThrow(() -> ProblemException.notFound("No " + type.id() + " " + id + "."));
    }
}
