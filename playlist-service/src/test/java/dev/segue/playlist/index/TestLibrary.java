package dev.segue.playlist.index;

import java.util.Arrays;

/** Hand-built libraries for unit tests: tracks with chosen features, genres and metadata. */
public final class TestLibrary {

    private final IndexBuilder builder = new IndexBuilder();

    public TestLibrary() {
        builder.setAnalyzerVersion(1);
    }

    /** A feature vector with the same values in every segment: loudness, centroid, tempo; key confidence 0. */
    public static float[] sound(double loudness, double centroid, double tempo) {
        float[] v = new float[Segment.COUNT * Features.DIMENSIONS];
        for (Segment s : Segment.values()) {
            set(v, s, Features.LOUDNESS_DB, loudness);
            set(v, s, Features.CENTROID_MEAN, centroid);
            set(v, s, Features.TEMPO_BPM, tempo);
            set(v, s, Features.TEMPO_CONFIDENCE, tempo > 0 ? 1 : 0);
        }
        return v;
    }

    public static float[] set(float[] v, Segment s, int feature, double value) {
        v[s.ordinal() * Features.DIMENSIONS + feature] = (float) value;
        return v;
    }

    public TestLibrary track(long id, String artist, String title, Long album, Integer seconds, float[] sound) {
        builder.putTrack(new TrackInfo(id, title, artistId(artist), artist, album, album == null ? null : "Album " + album,
                seconds == null ? null : seconds * 1000, "/music/" + artist + "/" + title + ".flac", true));
        if (sound != null) {
            builder.putVectors(id, Arrays.copyOf(sound, sound.length));
        }
        return this;
    }

    /** An untagged file in {@code folder} (no artist known, the folder its album), as a scan records it. */
    public TestLibrary untagged(long id, String folder, String title, Integer seconds, float[] sound) {
        builder.putTrack(new TrackInfo(id, title, artistId("Unknown Artist"), "Unknown Artist", (long) Math.abs(folder.hashCode()),
                folder, seconds == null ? null : seconds * 1000, "/music/" + folder + "/" + title + ".ogg", false));
        if (sound != null) {
            builder.putVectors(id, Arrays.copyOf(sound, sound.length));
        }
        return this;
    }

    /** Track-level genres from file tags: pairs of genre id and weight. */
    public TestLibrary genres(long trackId, double... genreAndWeight) {
        int n = genreAndWeight.length / 2;
        long[] g = new long[n];
        byte[] s = new byte[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = (long) genreAndWeight[2 * i];
            w[i] = (float) genreAndWeight[2 * i + 1];
        }
        builder.putGenres(GenreLevel.TRACK, trackId, new GenreRows(g, s, w));
        return this;
    }

    public IndexBuilder builder() {
        return builder;
    }

    public LibraryIndex build() {
        return builder.build();
    }

    private static long artistId(String artist) {
        return Math.abs((long) artist.hashCode());
    }
}
