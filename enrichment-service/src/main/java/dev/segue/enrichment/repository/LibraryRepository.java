package dev.segue.enrichment.repository;

import dev.segue.enrichment.library.AlbumRef;
import dev.segue.enrichment.library.ArtistRef;
import dev.segue.enrichment.library.TrackRef;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads library-service's tables (artists, albums, tracks); enrichment never writes them. An
 * artist without an MBID in its tags uses the one MusicBrainz search chose for it earlier.
 */
@ApplicationScoped
public class LibraryRepository {

    private static final String ARTIST_MBID = """
            coalesce(ar.mbid::text, (SELECT s.external_id FROM enrichment_state s WHERE s.entity_type = 'artist'
                AND s.entity_id = ar.id AND s.source = 'musicbrainz' AND s.external_id IS NOT NULL))""";

    private final AgroalDataSource db;

    LibraryRepository(AgroalDataSource db) {
        this.db = db;
    }

    public List<ArtistRef> artists(Collection<Long> ids) {
        return query("SELECT ar.id, ar.name, " + ARTIST_MBID + " FROM artists ar WHERE ar.id = ANY(?) ORDER BY ar.id", ids,
                rs -> new ArtistRef(rs.getLong(1), rs.getString(2), rs.getString(3)));
    }

    public List<AlbumRef> albums(Collection<Long> ids) {
        return query("""
                SELECT al.id, al.title, ar.id, ar.name, %s, al.mbid_release::text, al.mbid_release_group::text
                FROM albums al JOIN artists ar ON ar.id = al.album_artist_id WHERE al.id = ANY(?) ORDER BY ar.id, al.id
                """.formatted(ARTIST_MBID), ids,
                rs -> new AlbumRef(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)));
    }

    public List<TrackRef> tracks(Collection<Long> ids) {
        return query("""
                SELECT t.id, t.title, ar.name, al.title, t.mbid_recording::text
                FROM tracks t JOIN artists ar ON ar.id = t.artist_id LEFT JOIN albums al ON al.id = t.album_id
                WHERE t.id = ANY(?) ORDER BY t.id
                """, ids, rs -> new TrackRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
    }

    /** Row mapper that may throw. */
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Collection<Long> ids, Row<T> row) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            List<T> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(row.map(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the library: " + e.getMessage(), e);
        }
    }
}
