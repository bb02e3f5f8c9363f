package org.synthstack.optimize;

import java.util.Arrays;
import java.util.List;

/**
 * The outcome of an optimiser run.
 *
 * @param bestPoint DIRECT, EGO: the best evaluated point with a finite value; REGO: the design θ
 *     minimising the final model's predicted expected loss ẑ. In the units of the bounds. If no
 *     evaluation returned a finite value, the first evaluated point.
 * @param bestValue DIRECT, EGO: its observed value; REGO: ẑ(bestPoint), a model prediction of the
 *     expected loss (no evaluation observes it directly). NaN if no evaluation was finite.
 * @param evaluations the number of black-box evaluations, equal to {@code history.size()}
 * @param history every evaluation in order, non-finite values included
 * @param iterations per-iteration diagnostics
 * @param stopReason why the run stopped
 */
public record OptimizationResult(double[] bestPoint, double bestValue, int evaluations, List<Evaluation> history,
        List<IterationDiagnostics> iterations, StopReason stopReason) {

    public OptimizationResult {
        bestPoint = bestPoint.clone();
        history = List.copyOf(history);
        iterations = List.copyOf(iterations);
        if (evaluations != history.size()) {
            throw new IllegalArgumentException("evaluations " + evaluations + " != history size " + history.size());
        }
    }

    @Override
    public double[] bestPoint() {
        return bestPoint.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptimizationResult r && Arrays.equals(bestPoint, r.bestPoint)
                && Double.compare(bestValue, r.bestValue) == 0 && evaluations == r.evaluations
                && history.equals(r.history) && iterations.equals(r.iterations) && stopReason == r.stopReason;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(bestPoint) + history.hashCode()) + stopReason.hashCode();
    }

    @Override
    public String toString() {
        return "OptimizationResult[best " + Arrays.toString(bestPoint) + " -> " + bestValue + ", " + evaluations
                + " evaluations, " + iterations.size() + " iterations, " + stopReason + "]";
    }
}
