package dev.segue.playlist.map;

import dev.segue.playlist.index.FeatureNames;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.TrackInfo;
import dev.segue.playlist.playlist.GenreCatalog;
import dev.segue.playlist.similarity.SonicVectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lays an index's analysed tracks out on a projection's axes and names the axes by their strongest features. */
public final class SonicMap {

    /** Features named per axis end. */
    static final int NAMED = 3;

    private SonicMap() {
    }

    public static MapView build(LibraryIndex index, Projection projection, GenreCatalog genres, long fitMillis) {
        SonicVectors sv = index.sonic();
        int n = sv.analysedCount();
        long[] ids = new long[n];
        float[] x = new float[n];
        float[] y = new float[n];
        String[] titles = new String[n];
        int[] artist = new int[n];
        int[] album = new int[n];
        int[] genre = new int[n];
        Map<Long, Integer> artistIndex = new HashMap<>();
        Map<Long, Integer> albumIndex = new HashMap<>();
        Map<Long, Integer> genreIndex = new HashMap<>();
        List<String> artistNames = new ArrayList<>();
        List<String> albumNames = new ArrayList<>();
        List<String> genreNames = new ArrayList<>();
        float[] scratch = new float[sv.continuousCount()];
        float[] xy = new float[2];
        int p = 0;
        for (int r = 0; r < index.size() && p < n; r++) {
            if (!sv.has(r)) {
                continue;
            }
            TrackInfo t = index.track(r);
            projection.project(sv, r, scratch, xy);
            ids[p] = t.id();
            x[p] = round(xy[0]);
            y[p] = round(xy[1]);
            titles[p] = t.title();
            artist[p] = artistIndex.computeIfAbsent(t.artistId(), k -> {
                artistNames.add(t.artist());
                return artistNames.size() - 1;
            });
            album[p] = t.albumId() == null ? -1 : albumIndex.computeIfAbsent(t.albumId(), k -> {
                albumNames.add(t.album());
                return albumNames.size() - 1;
            });
            long top = index.genres().topGenre(r);
            genre[p] = top < 0 ? -1 : genreIndex.computeIfAbsent(genres.root(top), g -> {
                genreNames.add(genres.name(g));
                return genreNames.size() - 1;
            });
            p++;
        }
        return new MapView(projection.analyzerVersion(), p, projection.fittedOn(), fitMillis, List.of(axis(projection, 0), axis(projection, 1)),
                ids, x, y, titles, artist, artistNames.toArray(String[]::new), album, albumNames.toArray(String[]::new), genre,
                genreNames.toArray(String[]::new));
    }

    /** Names an axis by the features with the largest loadings; a negative loading puts its low end on the high side. */
    static MapView.Axis axis(Projection projection, int k) {
        int c = projection.dimensions();
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < c; j++) {
            order.add(j);
        }
        order.sort(Comparator.comparingDouble((Integer j) -> -Math.abs(projection.loading(k, j))));
        List<String> names = new ArrayList<>();
        List<String> low = new ArrayList<>();
        List<String> high = new ArrayList<>();
        List<MapView.Loading> loadings = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            int j = order.get(i);
            String feature = projection.feature(j);
            double w = projection.loading(k, j);
            if (i < NAMED) {
                names.add(FeatureNames.name(feature));
                high.add(w >= 0 ? FeatureNames.high(feature) : FeatureNames.low(feature));
                low.add(w >= 0 ? FeatureNames.low(feature) : FeatureNames.high(feature));
            }
            if (i < 6) {
                loadings.add(new MapView.Loading(FeatureNames.name(feature), Math.round(w * 1000) / 1000.0));
            }
        }
        return new MapView.Axis(String.join(", ", names), String.join(", ", low), String.join(", ", high),
                Math.round(projection.explained(k) * 1000) / 1000.0, loadings);
    }

    private static float round(float v) {
        return Math.round(v * 1000) / 1000f;
    }
}
