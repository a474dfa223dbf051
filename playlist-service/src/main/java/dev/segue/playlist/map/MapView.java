package dev.segue.playlist.map;

import java.util.List;

/**
 * Every analysed track as a point on the two axes of a {@link Projection}, in parallel arrays (position i of
 * each describes one track): compact for tens of thousands of points.
 *
 * @param fittedOn   analysed tracks the axes were fitted on (they are refitted when the library changes by a tenth)
 * @param artist     index into {@code artists} per point
 * @param album      index into {@code albums} per point, -1 without album
 * @param genre      index into {@code genres} (the top of the track's main genre family) per point, -1 without genres
 */
public record MapView(int analyzerVersion, int count, int fittedOn, long fitMillis, List<Axis> axes, long[] ids, float[] x,
                      float[] y, String[] titles, int[] artist, String[] artists, int[] album, String[] albums, int[] genre,
                      String[] genres) {

    /**
     * One axis: the features that load most on it, what its low and high ends sound like, and the share of
     * the library's sound variance it shows.
     */
    public record Axis(String name, String low, String high, double explained, List<Loading> loadings) {
    }

    public record Loading(String feature, double weight) {
    }
}
