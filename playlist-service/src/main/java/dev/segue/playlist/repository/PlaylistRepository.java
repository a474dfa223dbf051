package dev.segue.playlist.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segue.playlist.playlist.Entry;
import dev.segue.playlist.playlist.Playlist;
import dev.segue.playlist.playlist.PlaylistEntryView;
import dev.segue.playlist.playlist.PlaylistPage;
import dev.segue.playlist.playlist.PlaylistSummary;
import dev.segue.playlist.playlist.PlaylistTrack;
import dev.segue.playlist.playlist.PlaylistView;
import dev.segue.playlist.playlist.Scores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Stores playlists and reads them back joined with the tracks' current metadata. */
@ApplicationScoped
public class PlaylistRepository {

    private static final String TRACKS_SQL = """
            SELECT pt.position, pt.track_id, t.title, ar.name, al.title, t.duration_ms, pt.sonic_score, pt.genre_score,
                   pt.transition_score, pt.total_score, pt.sonic_missing, pt.seed, t.file_path
            FROM playlist_tracks pt
            JOIN tracks t ON t.id = pt.track_id
            JOIN artists ar ON ar.id = t.artist_id
            LEFT JOIN albums al ON al.id = t.album_id
            WHERE pt.playlist_id = ?
            ORDER BY pt.position""";

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    PlaylistRepository(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** A stored track with what an M3U line needs. */
    public record StoredTrack(PlaylistEntryView view, String path) {
    }

    @Transactional
    public long save(String name, Object request, boolean genreOnly, List<String> notes, List<Entry> entries) {
        Playlist p = new Playlist();
        p.name = name;
        try {
            p.request = mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise the playlist request", e);
        }
        p.genreOnly = genreOnly;
        p.notes = notes.isEmpty() ? null : String.join("\n", notes);
        p.createdAt = OffsetDateTime.now();
        p.persist();
        insertTracks(p.id, entries);
        return p.id;
    }

    /** Replaces a playlist's tracks (a new order, tracks removed); false when there is no such playlist. */
    @Transactional
    public boolean replaceTracks(long id, List<Entry> entries) {
        if (Playlist.findById(id) == null) {
            return false;
        }
        // a bulk delete runs at once, so the new positions do not collide with the old ones at flush
        PlaylistTrack.delete("playlistId", id);
        insertTracks(id, entries);
        return true;
    }

    @Transactional
    public boolean rename(long id, String name) {
        Playlist p = Playlist.findById(id);
        if (p == null) {
            return false;
        }
        p.name = name;
        return true;
    }

    private static void insertTracks(long playlistId, List<Entry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            PlaylistTrack t = new PlaylistTrack();
            t.playlistId = playlistId;
            t.position = i;
            t.trackId = e.trackId();
            t.sonicScore = toFloat(e.sonic());
            t.genreScore = toFloat(e.genre());
            t.transitionScore = toFloat(e.transition());
            t.totalScore = toFloat(e.total());
            t.sonicMissing = e.sonicMissing();
            t.seed = e.seed();
            t.persist();
        }
    }

    private static Float toFloat(double x) {
        return Double.isNaN(x) ? null : (float) x;
    }

    @Transactional
    public boolean delete(long id) {
        return Playlist.deleteById(id);
    }

    public Optional<PlaylistView> find(long id) {
        try (Connection c = dataSource.getConnection()) {
            String name;
            OffsetDateTime created;
            boolean genreOnly;
            String notes;
            String request;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, created_at, genre_only, notes, request::text FROM playlists WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    name = rs.getString(1);
                    created = rs.getObject(2, OffsetDateTime.class);
                    genreOnly = rs.getBoolean(3);
                    notes = rs.getString(4);
                    request = rs.getString(5);
                }
            }
            List<StoredTrack> tracks = tracks(c, id);
            long seconds = tracks.stream().mapToLong(t -> t.view().durationSeconds() == null ? 0 : t.view().durationSeconds()).sum();
            return Optional.of(new PlaylistView(id, name, created, genreOnly,
                    notes == null ? List.of() : Arrays.asList(notes.split("\n")), mapper.readTree(request),
                    tracks.size(), seconds, tracks.stream().map(StoredTrack::view).toList()));
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not read playlist " + id, e);
        }
    }

    /** The playlist's name and tracks with their file paths, or empty when there is no such playlist. */
    public Optional<List<StoredTrack>> tracks(long id) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM playlists WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(tracks(c, id));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read playlist " + id, e);
        }
    }

    private static List<StoredTrack> tracks(Connection c, long id) throws SQLException {
        List<StoredTrack> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TRACKS_SQL)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int ms = rs.getInt(6);
                    Integer seconds = rs.wasNull() ? null : Math.round(ms / 1000f);
                    Scores scores = Scores.of(nullable(rs, 7), nullable(rs, 8), nullable(rs, 9), nullable(rs, 10));
                    out.add(new StoredTrack(new PlaylistEntryView(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), seconds, scores, rs.getBoolean(11), rs.getBoolean(12), List.of()), rs.getString(13)));
                }
            }
        }
        return out;
    }

    private static Double nullable(ResultSet rs, int column) throws SQLException {
        float v = rs.getFloat(column);
        return rs.wasNull() ? null : (double) v;
    }

    public PlaylistPage page(int page, int size) {
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM playlists");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<PlaylistSummary> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT p.id, p.name, p.created_at, p.genre_only, count(pt.position),
                           COALESCE(sum(round(t.duration_ms / 1000.0)), 0)
                    FROM (SELECT * FROM playlists ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?) p
                    LEFT JOIN playlist_tracks pt ON pt.playlist_id = p.id
                    LEFT JOIN tracks t ON t.id = pt.track_id
                    GROUP BY p.id, p.name, p.created_at, p.genre_only
                    ORDER BY p.created_at DESC, p.id DESC""")) {
                ps.setInt(1, size);
                ps.setLong(2, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new PlaylistSummary(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                                rs.getBoolean(4), rs.getInt(5), rs.getLong(6)));
                    }
                }
            }
            return new PlaylistPage(items, page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list playlists", e);
        }
    }
}
