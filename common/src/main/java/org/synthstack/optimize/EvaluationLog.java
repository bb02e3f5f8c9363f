package org.synthstack.optimize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The history of black-box calls of one run, in order, and the rule that keeps failed calls usable.
 *
 * <p><b>Non-finite values.</b> A NaN or infinite value is recorded unchanged in the history and is
 * never dropped. Wherever an optimiser needs a number for it (DIRECT's rectangle ranking, the GP
 * training data), it uses the <em>penalty</em> {@code worst + margin}, where {@code worst} and
 * {@code best} are the largest and smallest finite values recorded so far and
 * {@code margin = 0.1·(worst − best)}, or {@code 0.1·max(1, |worst|)} if all finite values are
 * equal. The penalty is recomputed from the whole log each time it is asked for, so earlier failures
 * follow the worst value as it grows. With no finite value at all the penalty is 0. A failed point
 * is never reported as the best point.
 */
public final class EvaluationLog {
    private static final double MARGIN_FRACTION = 0.1;

    private final List<Evaluation> evaluations = new ArrayList<>();
    private double best = Double.POSITIVE_INFINITY;
    private double worst = Double.NEGATIVE_INFINITY;
    private int bestIndex = -1;

    /**
     * Evaluates a batch through the objective and records every point with its value.
     *
     * @return the raw values, in the order of the points
     * @throws IllegalStateException if the objective returns a different number of values
     */
    public double[] evaluate(BatchObjective objective, List<double[]> points, int iteration) {
        List<double[]> copies = new ArrayList<>(points.size());
        for (double[] p : points) {
            copies.add(p.clone());
        }
        double[] values = objective.evaluate(Collections.unmodifiableList(copies));
        if (values == null || values.length != points.size()) {
            throw new IllegalStateException("the batch objective returned "
                    + (values == null ? "null" : values.length + " values") + " for " + points.size() + " points");
        }
        for (int i = 0; i < values.length; i++) {
            record(iteration, points.get(i), values[i]);
        }
        return values.clone();
    }

    private void record(int iteration, double[] point, double value) {
        int index = evaluations.size();
        evaluations.add(new Evaluation(index, iteration, point, value));
        if (Double.isFinite(value)) {
            if (value < best) {
                best = value;
                bestIndex = index;
            }
            worst = Math.max(worst, value);
        }
    }

    public int size() {
        return evaluations.size();
    }

    /** The recorded (raw) value of evaluation {@code index}. */
    public double value(int index) {
        return evaluations.get(index).value();
    }

    /** The value to use for modelling evaluation {@code index}: the raw value, or the penalty if it is not finite. */
    public double penalisedValue(int index) {
        double v = evaluations.get(index).value();
        return Double.isFinite(v) ? v : penalty();
    }

    /** Penalised values of all evaluations, in order. */
    public double[] penalisedValues() {
        double[] values = new double[evaluations.size()];
        double penalty = penalty();
        for (int i = 0; i < values.length; i++) {
            double v = evaluations.get(i).value();
            values[i] = Double.isFinite(v) ? v : penalty;
        }
        return values;
    }

    /** The substitute for a non-finite value under the documented rule. */
    public double penalty() {
        if (bestIndex < 0) {
            return 0.0;
        }
        double range = worst - best;
        double margin = range > 0 ? MARGIN_FRACTION * range : MARGIN_FRACTION * Math.max(1.0, Math.abs(worst));
        return worst + margin;
    }

    /** Index of the best finite evaluation (first one on ties), or -1 if none is finite. */
    public int bestIndex() {
        return bestIndex;
    }

    /** The smallest finite value, or +∞ if none is finite. */
    public double bestValue() {
        return best;
    }

    public Evaluation get(int index) {
        return evaluations.get(index);
    }

    /**
     * The result of a run whose answer is the best observation: the best finite evaluation, or the first
     * evaluation with value NaN if none is finite.
     */
    public OptimizationResult bestObservedResult(List<IterationDiagnostics> iterations, StopReason stopReason) {
        if (evaluations.isEmpty()) {
            throw new IllegalStateException("no evaluation recorded");
        }
        boolean anyFinite = bestIndex >= 0;
        Evaluation best = evaluations.get(anyFinite ? bestIndex : 0);
        return new OptimizationResult(best.point(), anyFinite ? best.value() : Double.NaN, evaluations.size(),
                evaluations, iterations, stopReason);
    }

    /** An immutable snapshot of the history. */
    public List<Evaluation> evaluations() {
        return List.copyOf(evaluations);
    }
}
