package org.synthstack.optimize.direct;

import java.util.Arrays;

/**
 * DIRECT's partition of the unit hypercube into hyper-rectangles, stored in flat primitive arrays.
 *
 * <p>Rectangle {@code r} is the one whose centre was evaluation {@code r} of the run, so rectangle and
 * history indices coincide. A side of depth {@code t} has length {@code 3^-t}. Sides of one rectangle
 * never differ by more than one depth, since division always trisects all longest sides.
 */
final class RectanglePartition {
    private final int n;
    private final DirectVariant variant;
    private double[] centres;
    private int[] depths;
    private double[] values;
    private int[] levels;
    /** Insertion order into the current size group; breaks ties between equal values as Gablonsky's lists do. */
    private long[] order;
    private int count;
    private long nextOrder;

    RectanglePartition(int dimension, DirectVariant variant) {
        this.n = dimension;
        this.variant = variant;
        int capacity = 64;
        centres = new double[capacity * n];
        depths = new int[capacity * n];
        values = new double[capacity];
        levels = new int[capacity];
        order = new long[capacity];
    }

    int dimension() {
        return n;
    }

    DirectVariant variant() {
        return variant;
    }

    int count() {
        return count;
    }

    /** Adds a rectangle; its index is the returned value and must equal its evaluation index. */
    int add(double[] centre, int[] depth, double value) {
        if (count == values.length) {
            int capacity = 2 * values.length;
            centres = Arrays.copyOf(centres, capacity * n);
            depths = Arrays.copyOf(depths, capacity * n);
            values = Arrays.copyOf(values, capacity);
            levels = Arrays.copyOf(levels, capacity);
            order = Arrays.copyOf(order, capacity);
        }
        int r = count++;
        System.arraycopy(centre, 0, centres, r * n, n);
        System.arraycopy(depth, 0, depths, r * n, n);
        values[r] = value;
        regroup(r);
        return r;
    }

    double value(int r) {
        return values[r];
    }

    void setValue(int r, double value) {
        values[r] = value;
    }

    double centre(int r, int i) {
        return centres[r * n + i];
    }

    int depth(int r, int i) {
        return depths[r * n + i];
    }

    /** Trisects side {@code i} of rectangle {@code r} once more. */
    void deepen(int r, int i) {
        depths[r * n + i]++;
    }

    /** Re-files rectangle {@code r} into the size group its sides now give, at the end of the group's ties. */
    void regroup(int r) {
        levels[r] = computeLevel(r);
        order[r] = nextOrder++;
    }

    int level(int r) {
        return levels[r];
    }

    long order(int r) {
        return order[r];
    }

    /** Smallest depth, i.e. the depth of the longest sides. */
    int minDepth(int r) {
        int k = depths[r * n];
        for (int i = 1; i < n; i++) {
            k = Math.min(k, depths[r * n + i]);
        }
        return k;
    }

    /**
     * The size group of a rectangle. ORIGINAL: {@code k·n + p} for a rectangle with longest sides
     * {@code 3^-k} and p shorter sides; LOCALLY_BIASED: k alone.
     */
    private int computeLevel(int r) {
        int k = minDepth(r);
        if (variant == DirectVariant.LOCALLY_BIASED) {
            return k;
        }
        int p = 0;
        for (int i = 0; i < n; i++) {
            if (depths[r * n + i] > k) {
                p++;
            }
        }
        return k * n + p;
    }

    /**
     * The size measure of a group: centre-to-vertex distance (ORIGINAL) or longest side
     * (LOCALLY_BIASED), in unit-cube coordinates.
     */
    double levelSize(int level) {
        if (variant == DirectVariant.LOCALLY_BIASED) {
            return Math.pow(3, -level);
        }
        int k = level / n;
        int p = level % n;
        return 0.5 * Math.pow(3, -k) * Math.sqrt(n - p + p / 9.0);
    }

    /** Centre-to-vertex distance of rectangle {@code r}, in unit-cube coordinates. */
    double halfDiagonal(int r) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double side = Math.pow(3, -depths[r * n + i]);
            s += side * side;
        }
        return 0.5 * Math.sqrt(s);
    }
}
