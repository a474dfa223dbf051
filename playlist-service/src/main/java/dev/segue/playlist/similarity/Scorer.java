package dev.segue.playlist.similarity;

import java.util.Arrays;
import java.util.List;

/**
 * Scores every track of an index against one or more seeds: sonic (mean over the analysed seeds of the
 * track similarity, {@link SonicVectors#similarity(int, int)}), genre (mean cosine over the seeds that have genres) and
 * total = sonic weight × sonic + genre weight × genre, weights normalised to sum 1.
 *
 * <p>When one side is unavailable for the whole request (no seed analysed, or no seed with genres) the
 * other carries the total alone. A candidate without analysis in a sonic playlist has no sonic score; its
 * total uses the mean sonic score of a typical analysed track instead (over the fixed sample of
 * {@link SonicVectors#sampleSize} analysed rows, all of them in a library of up to {@value SonicVectors#HUBNESS_SAMPLE}),
 * so it neither wins nor loses on sound it does not have.
 *
 * <p>Sonic scores are computed when asked for: construction takes the first pass ({@link SonicVectors#addBounds}),
 * which gives every row an upper bound of its sonic score and so of its total ({@link #totalBound}); a caller that
 * wants the best rows scores exactly only those whose bound can still reach them ({@link BestFirst}). The stand-in
 * score of unanalysed rows, a mean over the sample, is bounded by the mean of the sample's bounds and computed
 * (the sample's rows scored exactly) only when an unanalysed row's total is asked for: a 1000-row estimate of
 * the mean instead of a full exact pass, which in a 33,636-track library was most of a {@code /similar}'s time.
 */
public final class Scorer {

    private final SonicVectors sv;
    private final int[] analysedSeeds;
    private final double sonicWeight;
    private final double genreWeight;
    private final boolean sonicAvailable;
    private final boolean sonicUsed;
    private final boolean genreUsed;
    /** Exact sonic scores of the rows in {@link #known}. */
    private final double[] sonic;
    private final boolean[] known;
    /** Upper bounds of the sonic scores (exact for the seeds). */
    private final double[] bound;
    private final double[] genre;
    private final double typicalBound;
    private double typicalSonic = Double.NaN;
    private int rescored;

    /**
     * @param seeds      rows of the seed tracks
     * @param useSonic   false to ignore sound entirely (genre-only playlist)
     */
    public Scorer(ScoredLibrary index, List<Integer> seeds, double sonicWeight, double genreWeight, boolean useSonic) {
        this.sv = index.sonic();
        GenreVectors gv = index.genres();
        int[] seedRows = seeds.stream().mapToInt(Integer::intValue).toArray();
        int[] analysed = seedRows.clone();
        int nSonic = 0;
        int nGenre = 0;
        for (int s : seedRows) {
            if (useSonic && sv.has(s)) {
                analysed[nSonic++] = s;
            }
            nGenre += gv.has(s) ? 1 : 0;
        }
        this.analysedSeeds = Arrays.copyOf(analysed, nSonic);
        this.sonicAvailable = nSonic > 0;
        this.sonicUsed = sonicAvailable && sonicWeight > 0;
        this.genreUsed = nGenre > 0 && genreWeight > 0;
        double sum = (sonicUsed ? sonicWeight : 0) + (genreUsed ? genreWeight : 0);
        this.sonicWeight = sonicUsed ? sonicWeight / sum : 0;
        this.genreWeight = genreUsed ? genreWeight / sum : 0;
        int n = index.size();
        this.sonic = new double[n];
        this.known = new boolean[n];
        this.bound = new double[n];
        this.genre = new double[n];
        if (nGenre > 0) {
            double[] scratch = new double[n];
            for (int seed : seedRows) {
                gv.addSimilarities(seed, scratch, genre);
            }
        }
        for (int r = 0; r < n; r++) {
            genre[r] = nGenre > 0 ? genre[r] / nGenre : Double.NaN;
        }
        double boundSum = 0;
        int count = 0;
        if (sonicAvailable) {
            float[] dot = new float[n];
            for (int s : analysedSeeds) {
                sv.addBounds(s, dot, bound);
            }
            for (int r = 0; r < n; r++) {
                bound[r] /= nSonic;
            }
            for (int s : analysedSeeds) {
                bound[s] = exact(s);
            }
            for (int i = 0; i < sv.sampleSize(); i++) {
                boundSum += bound[sv.sampleRow(i)];
            }
            count = sv.sampleSize();
        }
        this.typicalBound = count == 0 ? 0 : boundSum / count;
    }

    private double exact(int r) {
        if (!known[r]) {
            double sum = 0;
            for (int s : analysedSeeds) {
                sum = sv.addSimilarity(s, r, sum);
            }
            sonic[r] = sum / analysedSeeds.length;
            known[r] = true;
            rescored++;
        }
        return sonic[r];
    }

    private boolean hasSonic(int row) {
        return sonicAvailable && sv.has(row);
    }

    /** The mean sonic score of the sample's rows, each scored exactly. */
    private double typicalSonic() {
        if (Double.isNaN(typicalSonic)) {
            int count = sonicAvailable ? sv.sampleSize() : 0;
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += exact(sv.sampleRow(i));
            }
            typicalSonic = count == 0 ? 0 : sum / count;
        }
        return typicalSonic;
    }

    /** True when some seed is analysed and sound was not switched off. */
    public boolean sonicAvailable() {
        return sonicAvailable;
    }

    /** True when sound takes part in the totals (some seed analysed, sonic weight above 0). */
    public boolean sonicUsed() {
        return sonicUsed;
    }

    public boolean genreUsed() {
        return genreUsed;
    }

    /** Sonic similarity to the seeds, NaN when the track (or every seed) has no analysis. */
    public double sonic(int row) {
        return hasSonic(row) ? exact(row) : Double.NaN;
    }

    /** Genre similarity to the seeds, NaN when no seed has genres. */
    public double genre(int row) {
        return genre[row];
    }

    public double total(int row) {
        double s = hasSonic(row) ? exact(row) : typicalSonic();
        return sonicWeight * s + (genreUsed ? genreWeight * genre[row] : 0);
    }

    /**
     * An upper bound of {@link #total}, from the first pass: the same expression over the bound of the sonic
     * score, and IEEE arithmetic is monotone, so it never lies below the exact total.
     */
    public double totalBound(int row) {
        double s = hasSonic(row) ? bound[row] : typicalBound;
        return sonicWeight * s + (genreUsed ? genreWeight * genre[row] : 0);
    }

    /** Rows scored exactly so far, the seeds left out: what the first pass could not rule out. */
    public int rescored() {
        return rescored;
    }

    /**
     * Something speaks for the track: its sound was compared with a seed's, or it shares a genre with the
     * seeds. A track without either has only the stand-in sonic score and must not pass one that has.
     */
    public boolean hasEvidence(int row) {
        return (sonicUsed && hasSonic(row)) || (genreUsed && genre[row] > 0);
    }

    /**
     * How well {@code next} follows {@code previous}: the previous track's end against the next one's
     * beginning; NaN when either is unanalysed or sound is switched off.
     */
    public double transition(int previous, int next) {
        if (!hasSonic(previous) || !hasSonic(next)) {
            return Double.NaN;
        }
        return sv.transition(previous, next);
    }
}
