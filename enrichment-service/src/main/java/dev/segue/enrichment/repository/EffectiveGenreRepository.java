package dev.segue.enrichment.repository;

import dev.segue.enrichment.genre.EffectiveGenre;
import dev.segue.enrichment.genre.EntityGenres;
import dev.segue.enrichment.genre.EntityType;
import dev.segue.enrichment.genre.GenreUsage;
import dev.segue.enrichment.genre.SourceWeight;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Read side of the genre tables: the vocabulary with usage and an entity's effective genres. */
@ApplicationScoped
public class EffectiveGenreRepository {

    private final AgroalDataSource db;

    EffectiveGenreRepository(AgroalDataSource db) {
        this.db = db;
    }

    public List<GenreUsage> vocabulary(boolean usedOnly) {
        String sql = """
                SELECT g.name, p.name,
                    (SELECT count(DISTINCT artist_id) FROM artist_genres x WHERE x.genre_id = g.id),
                    (SELECT count(DISTINCT album_id) FROM album_genres x WHERE x.genre_id = g.id),
                    (SELECT count(DISTINCT track_id) FROM track_genres x WHERE x.genre_id = g.id)
                FROM genres g LEFT JOIN genres p ON p.id = g.parent_id ORDER BY g.name""";
        List<GenreUsage> result = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                GenreUsage usage = new GenreUsage(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                if (!usedOnly || usage.artists() + usage.albums() + usage.tracks() > 0) {
                    result.add(usage);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read genres: " + e.getMessage(), e);
        }
        result.sort(Comparator.comparingLong((GenreUsage u) -> u.artists() + u.albums() + u.tracks()).reversed()
                .thenComparing(GenreUsage::name));
        return result;
    }

    /** The effective genres of an entity; empty when there is no such entity. */
    public Optional<EntityGenres> of(EntityType type, long id) {
        try (Connection c = db.getConnection()) {
            if (!exists(c, type, id)) {
                return Optional.empty();
            }
            List<EffectiveGenre> own = effective(c, type, id);
            if (type != EntityType.TRACK || !own.isEmpty()) {
                return Optional.of(new EntityGenres(type.id(), id, null, own));
            }
            Optional<long[]> parents = trackParents(c, id);
            if (parents.isPresent() && parents.get()[0] > 0) {
                List<EffectiveGenre> album = effective(c, EntityType.ALBUM, parents.get()[0]);
                if (!album.isEmpty()) {
                    return Optional.of(new EntityGenres(type.id(), id, "album", album));
                }
            }
            List<EffectiveGenre> artist = parents.isPresent() ? effective(c, EntityType.ARTIST, parents.get()[1]) : List.of();
            return Optional.of(new EntityGenres(type.id(), id, artist.isEmpty() ? null : "artist", artist));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read genres: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, EntityType type, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + type.table() + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Optional<long[]> trackParents(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(album_id, 0), artist_id FROM tracks WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new long[] {rs.getLong(1), rs.getLong(2)}) : Optional.empty();
            }
        }
    }

    private static List<EffectiveGenre> effective(Connection c, EntityType type, long id) throws SQLException {
        Map<String, List<SourceWeight>> byGenre = new LinkedHashMap<>();
        Map<String, String> parents = new LinkedHashMap<>();
        Set<String> sources = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT g.name, p.name, x.source, x.weight FROM " + type.genreTable()
                + " x JOIN genres g ON g.id = x.genre_id LEFT JOIN genres p ON p.id = g.parent_id WHERE x." + type.genreKey()
                + " = ? ORDER BY x.weight DESC, g.name")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byGenre.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new SourceWeight(rs.getString(3), Math.round(rs.getFloat(4) * 1000) / 1000.0));
                    parents.put(rs.getString(1), rs.getString(2));
                    sources.add(rs.getString(3));
                }
            }
        }
        List<EffectiveGenre> genres = new ArrayList<>();
        byGenre.forEach((genre, weights) -> {
            double mean = weights.stream().mapToDouble(SourceWeight::weight).sum() / sources.size();
            genres.add(new EffectiveGenre(genre, parents.get(genre), Math.round(mean * 1000) / 1000.0, weights));
        });
        genres.sort(Comparator.comparingDouble(EffectiveGenre::weight).reversed().thenComparing(EffectiveGenre::genre));
        return genres;
    }
}
