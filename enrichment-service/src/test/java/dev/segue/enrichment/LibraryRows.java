package dev.segue.enrichment;

import dev.segue.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/** Inserts library rows the way library-service would; tests only (library owns these tables). */
public final class LibraryRows {

    private LibraryRows() {
    }

    /** A short random suffix that makes a test's names unique in the shared database. */
    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public static long artist(String name, String mbid) {
        return insert("INSERT INTO artists (name, name_key, sort_name, mbid) VALUES (?, ?, ?, ?::uuid) RETURNING id",
                name, name.toLowerCase(Locale.ROOT), name, mbid);
    }

    public static long album(long artistId, String title, String releaseGroupMbid) {
        return insert("INSERT INTO albums (title, title_key, album_artist_id, mbid_release_group) VALUES (?, ?, ?, ?::uuid) RETURNING id",
                title, title.toLowerCase(Locale.ROOT), artistId, releaseGroupMbid);
    }

    public static long track(long artistId, Long albumId, String title, String recordingMbid, String... tagGenres) {
        try (Connection c = TestDatabase.get().connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO tracks (file_path, file_size, file_mtime, title, artist_id, album_id, mbid_recording, tag_genres)
                VALUES (?, 1000, now(), ?, ?, ?, ?::uuid, ?) RETURNING id""")) {
            ps.setString(1, "/music/" + unique() + "/" + title + ".flac");
            ps.setString(2, title);
            ps.setLong(3, artistId);
            ps.setObject(4, albumId);
            ps.setString(5, recordingMbid);
            ps.setArray(6, c.createArrayOf("text", tagGenres));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long insert(String sql, Object... params) {
        try (Connection c = TestDatabase.get().connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A single value, e.g. a count or a state column; null when no row. */
    public static Object value(String sql, Object... params) {
        try (Connection c = TestDatabase.get().connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(String sql, Object... params) {
        try (Connection c = TestDatabase.get().connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
