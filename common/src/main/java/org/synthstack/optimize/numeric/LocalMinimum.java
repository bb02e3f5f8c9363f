package org.synthstack.optimize.numeric;

/**
 * The end point of a local minimisation.
 *
 * @param point the final iterate
 * @param value f at the final iterate
 * @param iterations quasi-Newton iterations taken
 */
public record LocalMinimum(double[] point, double value, int iterations) {

    public LocalMinimum {
        point = point.clone();
    }

    @Override
    public double[] point() {
        return point.clone();
    }
}
