package org.synthstack.optimize.numeric;

import java.util.SplittableRandom;

/**
 * Latin hypercube designs on the unit hypercube: each of the n equal slices of every axis holds
 * exactly one point.
 */
public final class LatinHypercube {

    private LatinHypercube() {
    }

    /** A random Latin hypercube of {@code n} points in {@code [0,1]^dimension}. */
    public static double[][] sample(int n, int dimension, SplittableRandom random) {
        if (n < 1 || dimension < 1) {
            throw new IllegalArgumentException("need n >= 1 and dimension >= 1, got " + n + ", " + dimension);
        }
        double[][] points = new double[n][dimension];
        int[] permutation = new int[n];
        for (int d = 0; d < dimension; d++) {
            for (int i = 0; i < n; i++) {
                permutation[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = t;
            }
            for (int i = 0; i < n; i++) {
                points[i][d] = (permutation[i] + random.nextDouble()) / n;
            }
        }
        return points;
    }

    /**
     * The best of {@code tries} random Latin hypercubes by the maximin criterion (largest smallest
     * pairwise distance), a cheap way to avoid clumped designs.
     */
    public static double[][] maximin(int n, int dimension, int tries, SplittableRandom random) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, got " + tries);
        }
        double[][] best = null;
        double bestDistance = -1;
        for (int t = 0; t < tries; t++) {
            double[][] candidate = sample(n, dimension, random);
            double distance = smallestSquaredDistance(candidate);
            if (distance > bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best;
    }

    private static double smallestSquaredDistance(double[][] points) {
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < points.length; i++) {
            for (int j = i + 1; j < points.length; j++) {
                double s = 0;
                for (int d = 0; d < points[i].length; d++) {
                    double diff = points[i][d] - points[j][d];
                    s += diff * diff;
                }
                smallest = Math.min(smallest, s);
            }
        }
        return smallest;
    }
}
