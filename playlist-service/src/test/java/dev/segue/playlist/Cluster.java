package dev.segue.playlist;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A group of tracks that sound alike (features close to one random centre) and share a genre of their own,
 * so a playlist seeded inside it stays inside it whatever else the shared test database holds.
 */
public final class Cluster {

    public final long genre;
    public final List<Long> tracks = new ArrayList<>();
    public final List<Long> artists = new ArrayList<>();
    private final TestData data;
    private final double loudness;
    private final double centroid;
    private final double tempo;
    private final int key;

    /** {@code artistsCount} artists; track i is by artist i % artistsCount. */
    public Cluster(TestData data, int size, int artistsCount) {
        this.data = data;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        loudness = -20 + r.nextDouble(12);
        centroid = 1000 + r.nextDouble(3000);
        tempo = 90 + r.nextDouble(60);
        key = r.nextInt(12);
        genre = data.genre("cluster genre", null);
        for (int a = 0; a < artistsCount; a++) {
            artists.add(data.artist("Artist " + a));
        }
        for (int i = 0; i < size; i++) {
            add("Track " + i, artists.get(i % artistsCount), true);
        }
    }

    /** Adds a track of the cluster's genre; analysed when {@code analysed}. */
    public long add(String title, long artist, boolean analysed) {
        int i = tracks.size();
        long id = data.track(title, artist, null, 180 + 7 * i);
        data.trackGenre(id, genre, 1.0);
        if (analysed) {
            data.analysis(id, sound(i));
        }
        tracks.add(id);
        return id;
    }

    /** Another file of track {@code of}'s recording: its length and sound, under {@code title}. */
    public long addCopy(String title, long artist, int of) {
        long id = data.track(title, artist, null, 180 + 7 * of);
        data.trackGenre(id, genre, 1.0);
        data.analysis(id, sound(of));
        tracks.add(id);
        return id;
    }

    public float[] sound(int i) {
        return TestData.features(loudness + 0.1 * i, centroid + 15 * i, tempo + 0.2 * i, key);
    }
}
