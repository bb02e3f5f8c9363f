package org.synthstack.optimize;

import java.util.Arrays;

/**
 * One call of the black box, as recorded in a history.
 *
 * @param index position in the history, from 0
 * @param iteration the optimiser iteration that asked for it; 0 is the initial design (or DIRECT's
 *     centre point)
 * @param point the point evaluated, in the units of the bounds (for REGO: the joint point, design
 *     coordinates first, then the random-input coordinates)
 * @param value the value the black box returned, unmodified: NaN or infinite values are kept as
 *     they came
 */
public record Evaluation(int index, int iteration, double[] point, double value) {

    public Evaluation {
        point = point.clone();
    }

    @Override
    public double[] point() {
        return point.clone();
    }

    public boolean isFinite() {
        return Double.isFinite(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e && index == e.index && iteration == e.iteration
                && Arrays.equals(point, e.point) && Double.compare(value, e.value) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * index + iteration) + Arrays.hashCode(point)) + Double.hashCode(value);
    }

    @Override
    public String toString() {
        return "Evaluation[" + index + ", iteration " + iteration + ", " + Arrays.toString(point) + " -> " + value + "]";
    }
}
