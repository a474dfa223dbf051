package dev.segue.playlist;

import dev.segue.playlist.index.Features;
import dev.segue.playlist.index.Segment;
import dev.segue.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Rows for tests: other services' tables (library's tracks, enrichment's genres, sonic's analyses), every
 * name unique to the calling test so tests never see each other's data as their own, and stored playlists.
 * {@link #trackAt} is the exception: a track at a chosen path by an artist of exactly that name, as the
 * delivery tests need to match what a media server holds.
 */
public final class TestData implements AutoCloseable {

    private final Connection c;
    public final String tag = UUID.randomUUID().toString().substring(0, 8);

    public TestData() {
        this(TestDatabase.get().jdbcUrl());
    }

    public TestData(String jdbcUrl) {
        try {
            TestDatabase db = TestDatabase.get();
            c = java.sql.DriverManager.getConnection(jdbcUrl, db.username(), db.password());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long artist(String name) {
        String unique = name + " " + tag;
        return insert("INSERT INTO artists (name, name_key, sort_name) VALUES (?, ?, ?) RETURNING id",
                unique, unique.toLowerCase(), unique.toLowerCase());
    }

    public long album(String title, long artistId) {
        return insert("INSERT INTO albums (title, title_key, album_artist_id) VALUES (?, ?, ?) RETURNING id",
                title, title.toLowerCase() + " " + tag, artistId);
    }

    public long track(String title, long artistId, Long albumId, int seconds) {
        return insert("""
                INSERT INTO tracks (file_path, file_size, file_mtime, title, artist_id, album_id, duration_ms)
                VALUES (?, 1000, now(), ?, ?, ?, ?) RETURNING id""",
                "/music/" + tag + "/" + UUID.randomUUID() + "/" + title + ".flac", title, artistId, albumId, seconds * 1000);
    }

    /** A track at {@code path} (the same row when the path exists) by an artist named exactly {@code artist}. */
    public long trackAt(String path, String artist, String title, int seconds, String mbid) {
        long artistId = insert("""
                INSERT INTO artists (name, name_key, sort_name) VALUES (?, ?, ?)
                ON CONFLICT (name_key) DO UPDATE SET name = EXCLUDED.name RETURNING id""", artist, artist.toLowerCase(), artist.toLowerCase());
        return insert("""
                INSERT INTO tracks (file_path, file_size, file_mtime, title, artist_id, duration_ms, mbid_recording)
                VALUES (?, 1000, now(), ?, ?, ?, ?::uuid)
                ON CONFLICT (file_path) DO UPDATE SET title = EXCLUDED.title, artist_id = EXCLUDED.artist_id,
                    duration_ms = EXCLUDED.duration_ms, mbid_recording = EXCLUDED.mbid_recording
                RETURNING id""", path, title, artistId, seconds * 1000, mbid);
    }

    /** A stored playlist of these tracks, in this order. */
    public long playlist(String name, List<Long> tracks) {
        long id = insert("INSERT INTO playlists (name, request) VALUES (?, '{}'::jsonb) RETURNING id", name);
        order(id, tracks);
        return id;
    }

    /** Gives a stored playlist new contents, as an edit in Segue would. */
    public void order(long playlist, List<Long> tracks) {
        update("DELETE FROM playlist_tracks WHERE playlist_id = ?", playlist);
        for (int i = 0; i < tracks.size(); i++) {
            update("INSERT INTO playlist_tracks (playlist_id, position, track_id) VALUES (?, ?, ?)", playlist, i, tracks.get(i));
        }
    }

    public long genre(String name, Long parent) {
        return insert("INSERT INTO genres (name, parent_id) VALUES (?, ?) RETURNING id", name + " " + tag, parent);
    }

    public void trackGenre(long trackId, long genreId, double weight) {
        update("INSERT INTO track_genres (track_id, genre_id, source, weight) VALUES (?, ?, 'file', ?)", trackId, genreId, weight);
    }

    public void albumGenre(long albumId, long genreId, double weight) {
        update("INSERT INTO album_genres (album_id, genre_id, source, weight) VALUES (?, ?, 'musicbrainz_release_group', ?)",
                albumId, genreId, weight);
    }

    /** An analysis (version 1) whose four segments all carry {@code features}. */
    public void analysis(long trackId, float[] features) {
        analysis(trackId, features, features, features);
    }

    public void analysis(long trackId, float[] beginning, float[] middle, float[] end) {
        update("INSERT INTO sonic_analyses (track_id, analyzer_version, status, analyzed_at) VALUES (?, 1, 'ok', now())", trackId);
        float[] average = new float[Features.DIMENSIONS];
        for (int i = 0; i < average.length; i++) {
            average[i] = (beginning[i] + middle[i] + end[i]) / 3;
        }
        float[][] segments = {beginning, middle, end, average};
        for (Segment s : Segment.values()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sonic_segments (track_id, analyzer_version, segment, features) VALUES (?, 1, ?, ?)")) {
                ps.setLong(1, trackId);
                ps.setString(2, s.dbName());
                Float[] boxed = new Float[Features.DIMENSIONS];
                for (int i = 0; i < boxed.length; i++) {
                    boxed[i] = segments[s.ordinal()][i];
                }
                ps.setArray(3, c.createArrayOf("real", boxed));
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A plausible feature vector: loudness, spectral centroid and tempo as given, the rest derived from them. */
    public static float[] features(double loudness, double centroid, double tempo, int key) {
        float[] v = new float[Features.DIMENSIONS];
        v[Features.LOUDNESS_DB] = (float) loudness;
        v[Features.DYNAMIC_RANGE_DB] = 12;
        v[Features.CENTROID_MEAN] = (float) centroid;
        v[Features.CENTROID_STD] = (float) (centroid / 5);
        v[Features.ROLLOFF_MEAN] = (float) (centroid * 2);
        v[Features.BANDWIDTH_MEAN] = (float) (centroid * 1.5);
        v[Features.FLATNESS_MEAN] = 0.1f;
        v[Features.FLUX_MEAN] = 0.2f;
        v[Features.ZCR] = (float) (centroid / 20000);
        for (int i = 0; i < Features.MFCC_COUNT; i++) {
            v[Features.MFCC_FIRST + i] = (float) (loudness / (i + 1));
        }
        v[Features.CHROMA_FIRST + key] = 1;
        v[Features.TEMPO_BPM] = (float) tempo;
        v[Features.TEMPO_CONFIDENCE] = 0.9f;
        v[Features.KEY] = key;
        v[Features.MODE] = 1;
        v[Features.KEY_CONFIDENCE] = 0.8f;
        v[Features.ONSET_RATE] = (float) (tempo / 60);
        return v;
    }

    public long count(String sql, Object... args) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void update(String sql, Object... args) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An INSERT … RETURNING id answers like a count: one row, one number. */
    private long insert(String sql, Object... args) {
        return count(sql, args);
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
