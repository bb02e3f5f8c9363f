package org.synthstack.optimize;

import java.util.Arrays;

/**
 * A validated axis-aligned box {@code lower[i] <= x[i] <= upper[i]}, in the black box's own units.
 *
 * <p>The optimisers work internally on the unit hypercube; {@link #toUnit} and {@link #fromUnit}
 * are the affine maps between the two.
 */
public final class Bounds {
    private final double[] lower;
    private final double[] upper;

    /**
     * @throws IllegalArgumentException if the arrays are empty or of different lengths, or if a
     *     bound is not finite or {@code lower[i] >= upper[i]}; the message names the dimension
     */
    public Bounds(double[] lower, double[] upper) {
        if (lower == null || upper == null) {
            throw new IllegalArgumentException("bounds: lower and upper must not be null");
        }
        if (lower.length == 0) {
            throw new IllegalArgumentException("bounds: at least one dimension is needed");
        }
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("bounds: lower has " + lower.length
                    + " dimensions but upper has " + upper.length);
        }
        for (int i = 0; i < lower.length; i++) {
            if (!Double.isFinite(lower[i]) || !Double.isFinite(upper[i])) {
                throw new IllegalArgumentException("bounds: dimension " + i + " has a non-finite bound ["
                        + lower[i] + ", " + upper[i] + "]");
            }
            if (!(lower[i] < upper[i])) {
                throw new IllegalArgumentException("bounds: dimension " + i + " has lower bound "
                        + lower[i] + " not below upper bound " + upper[i]);
            }
            if (!Double.isFinite(upper[i] - lower[i])) {
                throw new IllegalArgumentException("bounds: dimension " + i + " has a width that overflows");
            }
        }
        this.lower = lower.clone();
        this.upper = upper.clone();
    }

    /** The box {@code [lower, upper]^dimension}. */
    public static Bounds cube(int dimension, double lower, double upper) {
        if (dimension < 1) {
            throw new IllegalArgumentException("bounds: dimension must be at least 1, got " + dimension);
        }
        double[] lo = new double[dimension];
        double[] hi = new double[dimension];
        Arrays.fill(lo, lower);
        Arrays.fill(hi, upper);
        return new Bounds(lo, hi);
    }

    public int dimension() {
        return lower.length;
    }

    public double lower(int i) {
        return lower[i];
    }

    public double upper(int i) {
        return upper[i];
    }

    public double width(int i) {
        return upper[i] - lower[i];
    }

    public double[] lower() {
        return lower.clone();
    }

    public double[] upper() {
        return upper.clone();
    }

    /** Maps a point of the unit hypercube to this box. */
    public double[] fromUnit(double[] unit) {
        checkDimension(unit);
        double[] x = new double[unit.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = lower[i] + unit[i] * (upper[i] - lower[i]);
        }
        return x;
    }

    /** Maps a point of this box to the unit hypercube. */
    public double[] toUnit(double[] x) {
        checkDimension(x);
        double[] unit = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            unit[i] = (x[i] - lower[i]) / (upper[i] - lower[i]);
        }
        return unit;
    }

    public boolean contains(double[] x) {
        checkDimension(x);
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= lower[i] && x[i] <= upper[i])) {
                return false;
            }
        }
        return true;
    }

    private void checkDimension(double[] x) {
        if (x.length != lower.length) {
            throw new IllegalArgumentException("point has " + x.length + " coordinates, bounds have "
                    + lower.length + " dimensions");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bounds b && Arrays.equals(lower, b.lower) && Arrays.equals(upper, b.upper);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
        return "Bounds" + Arrays.toString(lower) + ".." + Arrays.toString(upper);
    }
}
