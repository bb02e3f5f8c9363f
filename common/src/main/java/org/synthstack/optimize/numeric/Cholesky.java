package org.synthstack.optimize.numeric;

/**
 * Cholesky factorisation {@code A + jitter·I = L·Lᵀ} of a symmetric matrix stored row-major in a
 * {@code double[n*n]}, with adaptive diagonal jitter.
 *
 * <p>A factorisation is accepted only if every pivot exceeds {@value #RELATIVE_PIVOT_FLOOR} times its
 * diagonal entry: a positive but tiny pivot (duplicated points, zero noise) factorises in floating
 * point yet makes solves meaningless. When the plain matrix fails, jitter starts at
 * {@value #INITIAL_RELATIVE_JITTER} times the mean diagonal and grows tenfold until the matrix
 * factorises, up to {@value #MAX_RELATIVE_JITTER} times the mean diagonal.
 */
public final class Cholesky {
    public static final double RELATIVE_PIVOT_FLOOR = 1e-12;
    public static final double INITIAL_RELATIVE_JITTER = 1e-12;
    public static final double MAX_RELATIVE_JITTER = 1e-1;

    private final int n;
    private final double[] lower;
    private final double jitter;

    private Cholesky(int n, double[] lower, double jitter) {
        this.n = n;
        this.lower = lower;
        this.jitter = jitter;
    }

    /**
     * Factorises {@code matrix} (only its lower triangle is read; it is not modified).
     *
     * @throws IllegalArgumentException if the matrix has a non-finite entry or a non-positive mean
     *     diagonal
     * @throws IllegalStateException if even the maximal jitter does not make it factorise, which for a
     *     covariance matrix means it was not positive semi-definite to begin with
     */
    public static Cholesky factor(double[] matrix, int n) {
        if (matrix.length != n * n) {
            throw new IllegalArgumentException("matrix has " + matrix.length + " entries, expected " + n * n);
        }
        double meanDiagonal = 0;
        for (int i = 0; i < n; i++) {
            meanDiagonal += matrix[i * n + i];
        }
        meanDiagonal /= Math.max(n, 1);
        if (!(meanDiagonal > 0) || !Double.isFinite(meanDiagonal)) {
            throw new IllegalArgumentException("matrix mean diagonal must be positive and finite, got " + meanDiagonal);
        }
        double[] work = new double[n * n];
        if (tryFactor(matrix, n, 0.0, work)) {
            return new Cholesky(n, work, 0.0);
        }
        for (double jitter = INITIAL_RELATIVE_JITTER * meanDiagonal;
                jitter <= MAX_RELATIVE_JITTER * meanDiagonal * (1 + 1e-9); jitter *= 10) {
            if (tryFactor(matrix, n, jitter, work)) {
                return new Cholesky(n, work, jitter);
            }
        }
        throw new IllegalStateException("matrix of size " + n + " does not factorise even with jitter "
                + MAX_RELATIVE_JITTER * meanDiagonal + " (not positive semi-definite or not finite)");
    }

    private static boolean tryFactor(double[] a, int n, double jitter, double[] l) {
        for (int j = 0; j < n; j++) {
            int rowJ = j * n;
            double diagonal = a[rowJ + j] + jitter;
            double pivot = diagonal;
            for (int k = 0; k < j; k++) {
                pivot -= l[rowJ + k] * l[rowJ + k];
            }
            if (!(pivot > RELATIVE_PIVOT_FLOOR * diagonal) || !Double.isFinite(pivot)) {
                return false;
            }
            double ljj = Math.sqrt(pivot);
            l[rowJ + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                int rowI = i * n;
                double s = a[rowI + j];
                for (int k = 0; k < j; k++) {
                    s -= l[rowI + k] * l[rowJ + k];
                }
                l[rowI + j] = s / ljj;
            }
            for (int k = j + 1; k < n; k++) {
                l[rowJ + k] = 0.0;
            }
        }
        return true;
    }

    public int size() {
        return n;
    }

    /** The diagonal jitter that was added (0 if the matrix factorised as given). */
    public double jitter() {
        return jitter;
    }

    /** Entry (i, j) of L. */
    public double lower(int i, int j) {
        return lower[i * n + j];
    }

    /** Overwrites b with L⁻¹b. */
    public void solveLowerInPlace(double[] b) {
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= lower[row + k] * b[k];
            }
            b[i] = s / lower[row + i];
        }
    }

    /** Overwrites b with L⁻ᵀb. */
    public void solveUpperInPlace(double[] b) {
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= lower[k * n + i] * b[k];
            }
            b[i] = s / lower[i * n + i];
        }
    }

    /** Overwrites b with (A + jitter·I)⁻¹b. */
    public void solveInPlace(double[] b) {
        solveLowerInPlace(b);
        solveUpperInPlace(b);
    }

    /** log det(A + jitter·I). */
    public double logDeterminant() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(lower[i * n + i]);
        }
        return 2 * s;
    }

    /** (A + jitter·I)⁻¹, row-major. */
    public double[] inverse() {
        // U = L⁻ᵀ is upper triangular, and (L·Lᵀ)⁻¹ = U·Uᵀ; both passes then read rows contiguously.
        double[] u = new double[n * n];
        for (int j = 0; j < n; j++) {
            int rowJ = j * n;
            u[rowJ + j] = 1 / lower[rowJ + j];
            for (int i = j + 1; i < n; i++) {
                int rowI = i * n;
                double s = 0;
                for (int k = j; k < i; k++) {
                    s -= lower[rowI + k] * u[rowJ + k];
                }
                u[rowJ + i] = s / lower[rowI + i];
            }
        }
        double[] inverse = new double[n * n];
        for (int i = 0; i < n; i++) {
            int rowI = i * n;
            for (int j = i; j < n; j++) {
                int rowJ = j * n;
                double s = 0;
                for (int k = j; k < n; k++) {
                    s += u[rowI + k] * u[rowJ + k];
                }
                inverse[rowI + j] = s;
                inverse[rowJ + i] = s;
            }
        }
        return inverse;
    }
}
