package dev.segue.playlist.map;

import dev.segue.playlist.index.Segment;
import dev.segue.playlist.similarity.SonicVectors;

/**
 * A principal component analysis of the library's sound: the two directions along which the tracks'
 * whole-track vectors (weighted z-scores, the space the sonic metric measures distance in) spread most.
 * Each axis is a weighted sum of named features, so it can be labelled by the features that load most on it;
 * its sign is set so the strongest feature grows to the right (or up). Pure computation.
 */
public final class Projection {

    private final int analyzerVersion;
    private final String[] features;
    private final int fittedOn;
    private final double[] mean;
    private final double[][] axes;
    private final double[] explained;

    private Projection(int analyzerVersion, String[] features, int fittedOn, double[] mean, double[][] axes, double[] explained) {
        this.analyzerVersion = analyzerVersion;
        this.features = features;
        this.fittedOn = fittedOn;
        this.mean = mean;
        this.axes = axes;
        this.explained = explained;
    }

    /** Fits the two axes to every analysed row; null when fewer than two rows are analysed. */
    public static Projection fit(SonicVectors sv, int rows, int analyzerVersion) {
        int dims = sv.continuousCount();
        double[] mean = new double[dims];
        double[][] cov = new double[dims][dims];
        float[] z = new float[dims];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            if (!sv.has(r)) {
                continue;
            }
            sv.weightedZ(r, Segment.AVERAGE, z);
            n++;
            for (int i = 0; i < dims; i++) {
                mean[i] += z[i];
                for (int j = 0; j <= i; j++) {
                    cov[i][j] += (double) z[i] * z[j];
                }
            }
        }
        if (n < 2) {
            return null;
        }
        for (int i = 0; i < dims; i++) {
            mean[i] /= n;
        }
        double trace = 0;
        for (int i = 0; i < dims; i++) {
            for (int j = 0; j <= i; j++) {
                cov[i][j] = cov[i][j] / n - mean[i] * mean[j];
                cov[j][i] = cov[i][j];
            }
            trace += cov[i][i];
        }
        double[][] vectors = new double[dims][dims];
        double[] values = jacobi(cov, vectors);
        Integer[] order = new Integer[dims];
        for (int i = 0; i < dims; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[][] axes = new double[2][dims];
        double[] explained = new double[2];
        for (int k = 0; k < 2; k++) {
            int strongest = 0;
            for (int i = 0; i < dims; i++) {
                axes[k][i] = vectors[i][order[k]];
                if (Math.abs(axes[k][i]) > Math.abs(axes[k][strongest])) {
                    strongest = i;
                }
            }
            if (axes[k][strongest] < 0) {
                for (int i = 0; i < dims; i++) {
                    axes[k][i] = -axes[k][i];
                }
            }
            explained[k] = trace > 0 ? Math.max(0, values[order[k]]) / trace : 0;
        }
        String[] features = new String[dims];
        for (int j = 0; j < dims; j++) {
            features[j] = sv.continuousName(j);
        }
        return new Projection(analyzerVersion, features, n, mean, axes, explained);
    }

    /** Eigenvalues of a symmetric matrix (cyclic Jacobi rotations); eigenvectors into the columns of {@code v}. */
    static double[] jacobi(double[][] matrix, double[][] v) {
        int size = matrix.length;
        double[][] a = new double[size][];
        for (int i = 0; i < size; i++) {
            a[i] = matrix[i].clone();
            java.util.Arrays.fill(v[i], 0);
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < size; p++) {
                for (int q = p + 1; q < size; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-18) {
                break;
            }
            for (int p = 0; p < size; p++) {
                for (int q = p + 1; q < size; q++) {
                    if (Math.abs(a[p][q]) < 1e-15) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < size; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < size; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < size; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = a[i][i];
        }
        return values;
    }

    /** The row's position on the two axes (in units of the weighted z-scores). */
    public void project(SonicVectors sv, int row, float[] scratch, float[] xy) {
        sv.weightedZ(row, Segment.AVERAGE, scratch);
        for (int k = 0; k < 2; k++) {
            double s = 0;
            for (int i = 0; i < features.length; i++) {
                s += (scratch[i] - mean[i]) * axes[k][i];
            }
            xy[k] = (float) s;
        }
    }

    /** How many features the axes combine. */
    public int dimensions() {
        return features.length;
    }

    /** The layout name of feature {@code j}, in {@link SonicVectors#weightedZ} order. */
    public String feature(int j) {
        return features[j];
    }

    /** Loading of continuous feature {@code j} (in {@link SonicVectors#weightedZ} order) on axis {@code k}. */
    public double loading(int k, int j) {
        return axes[k][j];
    }

    /** Share of the library's sound variance along axis {@code k} (0..1). */
    public double explained(int k) {
        return explained[k];
    }

    public int analyzerVersion() {
        return analyzerVersion;
    }

    /** How many analysed tracks the axes were fitted on. */
    public int fittedOn() {
        return fittedOn;
    }
}
