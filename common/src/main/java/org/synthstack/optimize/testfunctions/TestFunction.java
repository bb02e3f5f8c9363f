package org.synthstack.optimize.testfunctions;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.synthstack.optimize.Bounds;

/**
 * A global-optimisation benchmark: the function, its standard box, its global minimum value and
 * the points where it is attained.
 *
 * @param name the usual name
 * @param bounds the standard search box
 * @param globalMinimum f_global
 * @param minimisers every global minimiser inside the box (coordinates to about 1e-8)
 * @param function the function itself
 */
public record TestFunction(String name, Bounds bounds, double globalMinimum, List<double[]> minimisers,
        ToDoubleFunction<double[]> function) {

    public TestFunction {
        minimisers = minimisers.stream().map(double[]::clone).toList();
    }

    @Override
    public List<double[]> minimisers() {
        return minimisers.stream().map(double[]::clone).toList();
    }

    public int dimension() {
        return bounds.dimension();
    }

    public double value(double[] x) {
        return function.applyAsDouble(x);
    }

    /** Euclidean distance from x to the nearest global minimiser. */
    public double distanceToNearestMinimiser(double[] x) {
        double nearest = Double.POSITIVE_INFINITY;
        for (double[] m : minimisers) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += (x[i] - m[i]) * (x[i] - m[i]);
            }
            nearest = Math.min(nearest, Math.sqrt(s));
        }
        return nearest;
    }

    @Override
    public String toString() {
        return name;
    }
}
