package dev.segue.playlist.similarity;

import dev.segue.playlist.index.LibraryIndex;
import java.util.List;

/**
 * Scores every track of an index against one or more seeds: sonic (mean over the analysed seeds of the
 * track similarity, {@link SonicVectors#similarity(int, int)}), genre (mean cosine over the seeds that have genres) and
 * total = sonic weight × sonic + genre weight × genre, weights normalised to sum 1.
 *
 * <p>When one side is unavailable for the whole request (no seed analysed, or no seed with genres) the
 * other carries the total alone. A candidate without analysis in a sonic playlist has no sonic score; its
 * total uses the mean sonic score of the analysed candidates instead, i.e. "as similar as a typical track",
 * so it neither wins nor loses on sound it does not have.
 */
public final class Scorer {

    private final LibraryIndex index;
    private final int[] seeds;
    private final double sonicWeight;
    private final double genreWeight;
    private final boolean sonicAvailable;
    private final boolean sonicUsed;
    private final boolean genreUsed;
    private final double[] sonic;
    private final double[] genre;
    private final double[] total;

    /**
     * @param seeds      rows of the seed tracks
     * @param useSonic   false to ignore sound entirely (genre-only playlist)
     */
    public Scorer(LibraryIndex index, List<Integer> seeds, double sonicWeight, double genreWeight, boolean useSonic) {
        this.index = index;
        this.seeds = seeds.stream().mapToInt(Integer::intValue).toArray();
        SonicVectors sv = index.sonic();
        GenreVectors gv = index.genres();
        int[] analysedSeeds = this.seeds.clone();
        int nSonic = 0;
        int nGenre = 0;
        for (int s : this.seeds) {
            if (useSonic && sv.has(s)) {
                analysedSeeds[nSonic++] = s;
            }
            nGenre += gv.has(s) ? 1 : 0;
        }
        this.sonicAvailable = nSonic > 0;
        this.sonicUsed = sonicAvailable && sonicWeight > 0;
        this.genreUsed = nGenre > 0 && genreWeight > 0;
        double sum = (sonicUsed ? sonicWeight : 0) + (genreUsed ? genreWeight : 0);
        this.sonicWeight = sonicUsed ? sonicWeight / sum : 0;
        this.genreWeight = genreUsed ? genreWeight / sum : 0;
        int n = index.size();
        this.sonic = new double[n];
        this.genre = new double[n];
        this.total = new double[n];
        if (sonicAvailable) {
            float[] dot = new float[n];
            for (int i = 0; i < nSonic; i++) {
                sv.addSimilarities(analysedSeeds[i], dot, sonic);
            }
        }
        if (nGenre > 0) {
            double[] scratch = new double[n];
            for (int seed : this.seeds) {
                gv.addSimilarities(seed, scratch, genre);
            }
        }
        double sonicSum = 0;
        int sonicCount = 0;
        for (int r = 0; r < n; r++) {
            if (sonicAvailable && sv.has(r)) {
                sonic[r] /= nSonic;
                sonicSum += sonic[r];
                sonicCount++;
            } else {
                sonic[r] = Double.NaN;
            }
            genre[r] = nGenre > 0 ? genre[r] / nGenre : Double.NaN;
        }
        double typicalSonic = sonicCount == 0 ? 0 : sonicSum / sonicCount;
        for (int r = 0; r < n; r++) {
            double s = Double.isNaN(sonic[r]) ? typicalSonic : sonic[r];
            total[r] = this.sonicWeight * s + (genreUsed ? this.genreWeight * genre[r] : 0);
        }
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
        return sonic[row];
    }

    /** Genre similarity to the seeds, NaN when no seed has genres. */
    public double genre(int row) {
        return genre[row];
    }

    public double total(int row) {
        return total[row];
    }

    /**
     * Something speaks for the track: its sound was compared with a seed's, or it shares a genre with the
     * seeds. A track without either has only the stand-in sonic score and must not pass one that has.
     */
    public boolean hasEvidence(int row) {
        return (sonicUsed && !Double.isNaN(sonic[row])) || (genreUsed && genre[row] > 0);
    }

    /**
     * How well {@code next} follows {@code previous}: the previous track's end against the next one's
     * beginning; NaN when either is unanalysed or sound is switched off.
     */
    public double transition(int previous, int next) {
        SonicVectors sv = index.sonic();
        if (!sonicAvailable || !sv.has(previous) || !sv.has(next)) {
            return Double.NaN;
        }
        return sv.transition(previous, next);
    }
}
