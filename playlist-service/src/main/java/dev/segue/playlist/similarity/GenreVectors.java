package dev.segue.playlist.similarity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every indexed track's effective genres as a sparse unit vector (compressed rows: {@code start},
 * {@code genre}, {@code weight}), compared by cosine.
 *
 * <p>Before normalising, each genre also lends {@link #PARENT_CREDIT} of its weight to its parent (and
 * that fraction again to the grandparent, ...), so "indie rock" and "alternative rock" meet in "rock":
 * partial credit instead of zero. When a genre is reached twice the larger contribution counts.
 */
public final class GenreVectors {

    public static final double PARENT_CREDIT = 0.5;
    private static final int MAX_DEPTH = 8;

    private final int[] start;
    private final int[] genre;
    private final float[] weight;
    /** Dense genre number → genre id. */
    private final long[] genreIds;
    /**
     * The same vectors inverted (compressed columns: {@code postingStart} per dense genre, {@code postingRow},
     * {@code postingWeight}), so scoring a seed against the library touches only the rows sharing a genre.
     */
    private final int[] postingStart;
    private final int[] postingRow;
    private final float[] postingWeight;

    private GenreVectors(int[] start, int[] genre, float[] weight, long[] genreIds) {
        this.start = start;
        this.genre = genre;
        this.weight = weight;
        this.genreIds = genreIds;
        int rows = start.length - 1;
        this.postingStart = new int[genreIds.length + 1];
        for (int g : genre) {
            postingStart[g + 1]++;
        }
        for (int g = 0; g < genreIds.length; g++) {
            postingStart[g + 1] += postingStart[g];
        }
        this.postingRow = new int[genre.length];
        this.postingWeight = new float[genre.length];
        int[] fill = Arrays.copyOf(postingStart, genreIds.length);
        for (int r = 0; r < rows; r++) {
            for (int i = start[r]; i < start[r + 1]; i++) {
                int at = fill[genre[i]]++;
                postingRow[at] = r;
                postingWeight[at] = weight[i];
            }
        }
    }

    /**
     * @param perRow  for each row its effective genre weights (genre id → weight > 0), empty when it has none
     * @param parents genre id → parent genre id
     */
    public static GenreVectors build(List<Map<Long, Float>> perRow, Map<Long, Long> parents) {
        Map<Long, Integer> dense = new HashMap<>();
        int[] start = new int[perRow.size() + 1];
        int total = 0;
        Map<Integer, Double>[] expanded = expandAll(perRow, parents, dense);
        for (int r = 0; r < expanded.length; r++) {
            start[r] = total;
            total += expanded[r].size();
        }
        start[perRow.size()] = total;
        int[] genre = new int[total];
        float[] weight = new float[total];
        for (int r = 0; r < expanded.length; r++) {
            Map<Integer, Double> v = expanded[r];
            int[] ids = v.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            double norm = Math.sqrt(v.values().stream().mapToDouble(x -> x * x).sum());
            for (int i = 0; i < ids.length; i++) {
                genre[start[r] + i] = ids[i];
                weight[start[r] + i] = (float) (v.get(ids[i]) / norm);
            }
        }
        long[] genreIds = new long[dense.size()];
        dense.forEach((id, d) -> genreIds[d] = id);
        return new GenreVectors(start, genre, weight, genreIds);
    }

    @SuppressWarnings("unchecked")
    private static Map<Integer, Double>[] expandAll(List<Map<Long, Float>> perRow, Map<Long, Long> parents, Map<Long, Integer> dense) {
        Map<Integer, Double>[] out = new Map[perRow.size()];
        for (int r = 0; r < out.length; r++) {
            Map<Integer, Double> v = new HashMap<>();
            for (Map.Entry<Long, Float> e : perRow.get(r).entrySet()) {
                if (e.getValue() <= 0) {
                    continue;
                }
                Long g = e.getKey();
                double w = e.getValue();
                for (int depth = 0; g != null && depth < MAX_DEPTH; depth++) {
                    int id = dense.computeIfAbsent(g, k -> dense.size());
                    v.merge(id, w, Math::max);
                    g = parents.get(g);
                    w *= PARENT_CREDIT;
                }
            }
            out[r] = v;
        }
        return out;
    }

    public boolean has(int row) {
        return start[row + 1] > start[row];
    }

    /** Cosine similarity (0..1) of two rows' genre vectors; 0 when either has no genres. */
    public double similarity(int a, int b) {
        int i = start[a];
        int iEnd = start[a + 1];
        int j = start[b];
        int jEnd = start[b + 1];
        double dot = 0;
        while (i < iEnd && j < jEnd) {
            int gi = genre[i];
            int gj = genre[j];
            if (gi == gj) {
                dot += (double) weight[i++] * weight[j++];
            } else if (gi < gj) {
                i++;
            } else {
                j++;
            }
        }
        return Math.min(1.0, dot);
    }

    /**
     * Adds {@code similarity(seed, r)} to {@code sum[r]} for every row r sharing a genre with the seed (the others
     * would add 0); {@code scratch} holds at least one double per row, all 0, and is left so. The products are
     * summed in ascending genre order, as {@link #similarity} sums them, so the results are identical.
     */
    public void addSimilarities(int seed, double[] scratch, double[] sum) {
        for (int i = start[seed]; i < start[seed + 1]; i++) {
            double w = weight[i];
            int g = genre[i];
            for (int p = postingStart[g]; p < postingStart[g + 1]; p++) {
                scratch[postingRow[p]] += w * postingWeight[p];
            }
        }
        for (int i = start[seed]; i < start[seed + 1]; i++) {
            int g = genre[i];
            for (int p = postingStart[g]; p < postingStart[g + 1]; p++) {
                int r = postingRow[p];
                if (scratch[r] != 0) {
                    sum[r] += Math.min(1.0, scratch[r]);
                    scratch[r] = 0;
                }
            }
        }
    }

    /** The genre id with the largest weight in a row's vector (its own genres outweigh inherited parents), or -1. */
    public long topGenre(int row) {
        int best = -1;
        for (int i = start[row]; i < start[row + 1]; i++) {
            if (best < 0 || weight[i] > weight[best]) {
                best = i;
            }
        }
        return best < 0 ? -1 : genreIds[genre[best]];
    }

    /** The genre ids two rows have in common (own or inherited), largest contribution to their similarity first. */
    public List<Long> shared(int a, int b) {
        List<long[]> common = new java.util.ArrayList<>();
        int i = start[a];
        int j = start[b];
        while (i < start[a + 1] && j < start[b + 1]) {
            if (genre[i] == genre[j]) {
                common.add(new long[] {genreIds[genre[i]], Float.floatToIntBits(weight[i] * weight[j])});
                i++;
                j++;
            } else if (genre[i] < genre[j]) {
                i++;
            } else {
                j++;
            }
        }
        common.sort((x, y) -> Float.compare(Float.intBitsToFloat((int) y[1]), Float.intBitsToFloat((int) x[1])));
        return common.stream().map(c -> c[0]).toList();
    }

    public long estimatedBytes() {
        return (long) start.length * 4 + (long) genre.length * 16 + (long) postingStart.length * 4;
    }
}
