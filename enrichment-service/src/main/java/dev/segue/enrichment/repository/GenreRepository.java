package dev.segue.enrichment.repository;

import dev.segue.enrichment.config.EnrichmentConfig;
import dev.segue.enrichment.genre.EntityType;
import dev.segue.enrichment.genre.GenreCanonicalizer;
import dev.segue.enrichment.genre.Source;
import dev.segue.enrichment.genre.WeightedGenre;
import dev.segue.enrichment.state.StoredAnswer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the genre vocabulary and the per-entity genre rows ({@code artist_genres},
 * {@code album_genres}, {@code track_genres}). The vocabulary is written at start (idempotent, so
 * several replicas may do it at once) and its ids cached.
 */
@ApplicationScoped
public class GenreRepository {

    private final AgroalDataSource db;
    private final GenreCanonicalizer canonicalizer;
    private final double minWeight;
    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    GenreRepository(AgroalDataSource db, GenreCanonicalizer canonicalizer, EnrichmentConfig config) {
        this.db = db;
        this.canonicalizer = canonicalizer;
        this.minWeight = config.genres().minWeight();
    }

    void onStart(@Observes StartupEvent event) {
        syncVocabulary();
    }

    /** Inserts missing genres and sets every parent as the vocabulary file says. */
    @Transactional
    public void syncVocabulary() {
        try (Connection c = db.getConnection()) {
            // one writer at a time: replicas starting together would otherwise deadlock on parents
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('segue.genres'))")) {
                lock.execute();
            }
            Map<String, String> parents = canonicalizer.vocabulary().parents();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO genres (name) VALUES (?) ON CONFLICT (name) DO NOTHING")) {
                for (String name : parents.keySet()) {
                    insert.setString(1, name);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            loadIds(c);
            try (PreparedStatement parent = c.prepareStatement(
                    "UPDATE genres SET parent_id = ? WHERE id = ? AND parent_id IS DISTINCT FROM ?")) {
                for (Map.Entry<String, String> e : parents.entrySet()) {
                    Long parentId = e.getValue() == null ? null : ids.get(e.getValue());
                    parent.setObject(1, parentId);
                    parent.setLong(2, ids.get(e.getKey()));
                    parent.setObject(3, parentId);
                    parent.addBatch();
                }
                parent.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the genre vocabulary: " + e.getMessage(), e);
        }
    }

    private void loadIds(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM genres"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.put(rs.getString(2), rs.getLong(1));
            }
        }
    }

    /** Replaces what one source says about one entity; call inside the transaction that records the fetch. */
    public void replace(EntityType type, String genreSource, long entityId, List<WeightedGenre> genres) {
        try (Connection c = db.getConnection()) {
            replace(c, type, genreSource, entityId, genres);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the genres of " + type.id() + " " + entityId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The answers stored with status {@code found} for every entity of {@code type}, with the names of the
     * entity and its artist (and album): what a recompute canonicalises again, without any call.
     */
    public List<StoredAnswer> storedAnswers(EntityType type) {
        List<StoredAnswer> answers = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(storedAnswersQuery(type))) {
            ps.setString(1, type.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> names = new ArrayList<>();
                    for (int i = 4; i <= rs.getMetaData().getColumnCount(); i++) {
                        names.add(rs.getString(i));
                    }
                    answers.add(new StoredAnswer(rs.getLong(1), Source.of(rs.getString(2)), rs.getString(3),
                            names.stream().filter(Objects::nonNull).toList()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the stored answers: " + e.getMessage(), e);
        }
        return answers;
    }

    private static String storedAnswersQuery(EntityType type) {
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

    private void replace(Connection c, EntityType type, String genreSource, long entityId, List<WeightedGenre> genres) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM " + type.genreTable() + " WHERE " + type.genreKey() + " = ? AND source = ?")) {
            delete.setLong(1, entityId);
            delete.setString(2, genreSource);
            delete.executeUpdate();
        }
        if (genres.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + type.genreTable() + " (" + type.genreKey()
                + ", genre_id, source, weight) VALUES (?, ?, ?, ?)")) {
            for (WeightedGenre g : genres) {
                insert.setLong(1, entityId);
                insert.setLong(2, id(c, g.genre()));
                insert.setString(3, genreSource);
                insert.setFloat(4, (float) g.weight());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private long id(Connection c, String genre) throws SQLException {
        Long id = ids.get(genre);
        if (id == null) {
            loadIds(c);
            id = ids.get(genre);
        }
        if (id == null) {
            // a file genre the vocabulary does not know: the user's own, a root genre
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO genres (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id")) {
                insert.setString(1, genre);
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            ids.put(genre, id);
        }
        return id;
    }

    /**
     * Rebuilds every {@code file} genre row from {@code tracks.tag_genres}: a track's own tag genres
     * weigh 1; an album's or artist's weigh the share of its present tracks carrying them.
     *
     * @return the number of tracks with at least one file genre
     */
    @Transactional
    public int syncFileGenres() {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('segue.file-genres'))")) {
                lock.execute();
            }
            for (EntityType type : EntityType.values()) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + type.genreTable() + " WHERE source = 'file'")) {
                    delete.executeUpdate();
                }
            }
            int tracks = 0;
            try (PreparedStatement read = c.prepareStatement(
                    "SELECT id, tag_genres FROM tracks WHERE status = 'present' AND cardinality(tag_genres) > 0");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO track_genres (track_id, genre_id, source, weight) VALUES (?, ?, 'file', ?)")) {
                read.setFetchSize(2000);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        List<WeightedGenre> genres = canonicalizer.fromFileTags(List.of((String[]) rs.getArray(2).getArray()));
                        for (WeightedGenre g : genres) {
                            insert.setLong(1, rs.getLong(1));
                            insert.setLong(2, id(c, g.genre()));
                            insert.setFloat(3, (float) g.weight());
                            insert.addBatch();
                        }
                        tracks += genres.isEmpty() ? 0 : 1;
                    }
                }
                insert.executeBatch();
            }
            aggregate(c, "album_genres", "album_id", "t.album_id", minWeight);
            aggregate(c, "artist_genres", "artist_id", "t.artist_id", minWeight);
            return tracks;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write file genres: " + e.getMessage(), e);
        }
    }

    private static void aggregate(Connection c, String table, String key, String trackColumn, double minWeight) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO %1$s (%2$s, genre_id, source, weight)
                SELECT g.owner, g.genre_id, 'file', least(1.0, g.tracks::real / n.tracks)
                FROM (SELECT %3$s AS owner, tg.genre_id, count(*) AS tracks FROM track_genres tg
                      JOIN tracks t ON t.id = tg.track_id WHERE tg.source = 'file' AND %3$s IS NOT NULL
                      GROUP BY %3$s, tg.genre_id) g
                JOIN (SELECT %3$s AS owner, count(*) AS tracks FROM tracks t WHERE t.status = 'present'
                      AND %3$s IS NOT NULL GROUP BY %3$s) n ON n.owner = g.owner
                WHERE g.tracks::real / n.tracks >= ?
                """.formatted(table, key, trackColumn))) {
            ps.setDouble(1, minWeight);
            ps.executeUpdate();
        }
    }
}
