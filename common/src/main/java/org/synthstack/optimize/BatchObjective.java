package org.synthstack.optimize;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A black box evaluated a batch at a time, so that an implementation may spread the points of one
 * optimiser iteration over a cluster.
 *
 * <p>Contract: {@code evaluate} returns one value per point, in the order of the points. A value may
 * be NaN or infinite (a failed evaluation); the optimisers record it and penalise it (see
 * {@link EvaluationLog}). Points are in the units of the optimiser's {@link Bounds}; the
 * implementation must not modify them.
 */
@FunctionalInterface
public interface BatchObjective {

    double[] evaluate(List<double[]> points);

    /** Adapts a point-wise function; the batch is evaluated sequentially in the calling thread. */
    static BatchObjective sequential(ToDoubleFunction<double[]> function) {
        return points -> {
            double[] values = new double[points.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = function.applyAsDouble(points.get(i).clone());
            }
            return values;
        };
    }
}
