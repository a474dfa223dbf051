package dev.segue.playlist.repository;

import dev.segue.playlist.playlist.GenreCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Reads enrichment-service's genre vocabulary (a few hundred rows): names for reasons and the map's colours. */
@ApplicationScoped
public class GenreRepository {

    private final DataSource dataSource;

    GenreRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public GenreCatalog catalog() {
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> parents = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name, parent_id FROM genres")) {
            while (rs.next()) {
                names.put(rs.getLong(1), rs.getString(2));
                long parent = rs.getLong(3);
                if (!rs.wasNull()) {
                    parents.put(rs.getLong(1), parent);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the genre vocabulary: " + e.getMessage(), e);
        }
        return new GenreCatalog(Map.copyOf(names), Map.copyOf(parents));
    }
}
