package dev.segue.enrichment.genre;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segue.enrichment.client.EntityType;
import dev.segue.enrichment.client.Source;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Re-canonicalises every stored answer (raw tags in {@code enrichment_state}) and the file tags, without any call. */
@ApplicationScoped
public class GenreRecomputeService {

    /** What a recompute rewrote. */
    public record Result(int entitiesFromSources, int genreRows, int tracksWithFileGenres) {
    }

    private static final TypeReference<List<RawTag>> TAGS = new TypeReference<>() {
    };

    private final AgroalDataSource db;
    private final GenreStore store;
    private final GenreCanonicalizer canonicalizer;
    private final ObjectMapper json;

    GenreRecomputeService(AgroalDataSource db, GenreStore store, GenreCanonicalizer canonicalizer, ObjectMapper json) {
        this.db = db;
        this.store = store;
        this.canonicalizer = canonicalizer;
        this.json = json;
    }

    @Transactional
    public Result recompute() {
        store.syncVocabulary();
        int entities = 0;
        int rows = 0;
        try (Connection c = db.getConnection()) {
            for (EntityType type : EntityType.values()) {
                try (PreparedStatement ps = c.prepareStatement(namesQuery(type))) {
                    ps.setString(1, type.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            List<RawTag> tags = json.readValue(rs.getString(3), TAGS);
                            List<String> names = new ArrayList<>();
                            for (int i = 4; i <= rs.getMetaData().getColumnCount(); i++) {
                                names.add(rs.getString(i));
                            }
                            List<WeightedGenre> genres = canonicalizer.canonicalize(tags, names.stream().filter(Objects::nonNull).toList());
                            store.replace(c, type, Source.of(rs.getString(2)).genreSource(type), rs.getLong(1), genres);
                            entities++;
                            rows += genres.size();
                        }
                    }
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not recompute genres: " + e.getMessage(), e);
        }
        return new Result(entities, rows, store.syncFileGenres());
    }

    private static String namesQuery(EntityType type) {
        String base = "SELECT s.entity_id, s.source, s.raw_tags::text";
        String found = " WHERE s.entity_type = ? AND s.status = 'found' AND s.raw_tags IS NOT NULL";
        return switch (type) {
            case ARTIST -> base + ", ar.name FROM enrichment_state s JOIN artists ar ON ar.id = s.entity_id" + found;
            case ALBUM -> base + ", al.title, ar.name FROM enrichment_state s JOIN albums al ON al.id = s.entity_id"
                    + " JOIN artists ar ON ar.id = al.album_artist_id" + found;
            case TRACK -> base + ", t.title, ar.name, al.title FROM enrichment_state s JOIN tracks t ON t.id = s.entity_id"
                    + " JOIN artists ar ON ar.id = t.artist_id LEFT JOIN albums al ON al.id = t.album_id" + found;
        };
    }
}
