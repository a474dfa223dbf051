package dev.segue.enrichment.repository;

import dev.segue.enrichment.genre.EntityType;
import dev.segue.enrichment.genre.Source;
import dev.segue.enrichment.state.Coverage;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How far enrichment has come: entities with genres per source, and fetch states per source. */
@ApplicationScoped
public class CoverageRepository {

    private final AgroalDataSource db;

    CoverageRepository(AgroalDataSource db) {
        this.db = db;
    }

    /** The coverage of every entity type, by table name. */
    public Map<String, Coverage> coverage() {
        Map<String, Coverage> entities = new LinkedHashMap<>();
        try (Connection c = db.getConnection()) {
            for (EntityType type : EntityType.values()) {
                entities.put(type.table(), coverage(c, type));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not compute enrichment stats: " + e.getMessage(), e);
        }
        return entities;
    }

    private static Coverage coverage(Connection c, EntityType type) throws SQLException {
        String present = type == EntityType.TRACK ? " WHERE e.status = 'present'" : "";
        long total = single(c, "SELECT count(*) FROM " + type.table() + " e" + present);
        long with = single(c, "SELECT count(DISTINCT x." + type.genreKey() + ") FROM " + type.genreTable() + " x JOIN " + type.table()
                + " e ON e.id = x." + type.genreKey() + present);
        Map<String, Long> from = new LinkedHashMap<>();
        from.put("file", 0L);
        for (Source s : Source.values()) {
            from.put(s.genreSource(type), 0L);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT x.source, count(DISTINCT x." + type.genreKey() + ") FROM "
                + type.genreTable() + " x JOIN " + type.table() + " e ON e.id = x." + type.genreKey() + present + " GROUP BY x.source");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                from.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, Map<String, Long>> states = new LinkedHashMap<>();
        for (Source s : Source.values()) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String st : List.of("found", "not_found", "error", "pending")) {
                counts.put(st, 0L);
            }
            states.put(s.id(), counts);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT source, status, count(*) FROM enrichment_state WHERE entity_type = ? GROUP BY source, status")) {
            ps.setString(1, type.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.get(rs.getString(1)).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        double coverage = total == 0 ? 0 : Math.round(with * 1000.0 / total) / 1000.0;
        return new Coverage(total, with, coverage, from, states);
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
