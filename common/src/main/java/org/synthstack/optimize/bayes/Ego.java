package org.synthstack.optimize.bayes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.synthstack.optimize.BatchObjective;
import org.synthstack.optimize.Bounds;
import org.synthstack.optimize.EvaluationLog;
import org.synthstack.optimize.IterationDiagnostics;
import org.synthstack.optimize.OptimizationResult;
import org.synthstack.optimize.StopReason;
import org.synthstack.optimize.SurrogateIteration;
import org.synthstack.optimize.gp.GaussianProcess;
import org.synthstack.optimize.gp.Hyperparameters;
import org.synthstack.optimize.gp.Kernel;
import org.synthstack.optimize.gp.MaximumLikelihood;
import org.synthstack.optimize.gp.Prediction;
import org.synthstack.optimize.numeric.DifferentiableFunction;
import org.synthstack.optimize.numeric.LatinHypercube;
import org.synthstack.optimize.numeric.LocalMinimum;

/**
 * Efficient Global Optimisation (Jones, Schonlau &amp; Welch 1998): a GP model of the objective,
 * refitted by maximum likelihood every iteration, and new points where the expected improvement
 * over the best observed value is largest.
 *
 * <p>The GP works on the unit hypercube of the bounds. Failed (non-finite) evaluations enter the
 * model with the {@link EvaluationLog} penalty. EI is maximised by quasi-Newton searches with its
 * analytic gradient, started from the best of a seeded space-filling candidate set and from
 * perturbations of the best observed points. With {@code batchSize > 1} each iteration proposes q
 * points by the chosen {@link BatchStrategy} and evaluates them in one batch.
 */
public final class Ego {
    private static final int DESIGN_TRIES = 20;
    private static final int SEEDED_NEIGHBOURHOODS = 3;
    private static final double NEIGHBOURHOOD_SPREAD = 0.01;

    private Ego() {
    }

    /** Minimises a point-wise function, evaluating each batch sequentially. */
    public static OptimizationResult minimize(ToDoubleFunction<double[]> objective, Bounds bounds,
            SurrogateOptions options) {
        return minimizeBatch(BatchObjective.sequential(objective), bounds, options);
    }

    /** Minimises the objective, starting from a maximin Latin hypercube of {@code initialDesignSize} points. */
    public static OptimizationResult minimizeBatch(BatchObjective objective, Bounds bounds, SurrogateOptions options) {
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(options, "options");
        SplittableRandom designRandom = new SplittableRandom(options.seed()).split();
        List<double[]> design = new ArrayList<>();
        for (double[] u : LatinHypercube.maximin(options.initialDesignSize(), bounds.dimension(), DESIGN_TRIES,
                designRandom)) {
            design.add(bounds.fromUnit(u));
        }
        return minimizeBatch(objective, bounds, options, design);
    }

    /**
     * Minimises the objective from a given initial design (in the units of the bounds), which
     * replaces the Latin hypercube; {@code options.initialDesignSize()} is then ignored.
     *
     * @throws IllegalArgumentException if the design is empty, larger than the budget, or has a point
     *     outside the bounds
     */
    public static OptimizationResult minimizeBatch(BatchObjective objective, Bounds bounds, SurrogateOptions options,
            List<double[]> initialDesign) {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(options, "options");
        if (initialDesign.isEmpty() || initialDesign.size() > options.maxEvaluations()) {
            throw new IllegalArgumentException("the initial design has " + initialDesign.size()
                    + " points; it needs between 1 and the budget of " + options.maxEvaluations());
        }
        for (int i = 0; i < initialDesign.size(); i++) {
            if (!bounds.contains(initialDesign.get(i))) {
                throw new IllegalArgumentException("initial design point " + i + " "
                        + Arrays.toString(initialDesign.get(i)) + " lies outside " + bounds);
            }
        }
        return new Run(objective, bounds, options).execute(initialDesign);
    }

    private static final class Run {
        private final BatchObjective objective;
        private final Bounds bounds;
        private final SurrogateOptions options;
        private final int dimension;
        private final Kernel kernel;
        private final EvaluationLog log = new EvaluationLog();
        private final SplittableRandom fitRandom;
        private final SplittableRandom acquisitionRandom;
        private final MultiStartMinimizer acquisition;

        Run(BatchObjective objective, Bounds bounds, SurrogateOptions options) {
            this.objective = objective;
            this.bounds = bounds;
            this.options = options;
            this.dimension = bounds.dimension();
            this.kernel = Kernel.of(options.kernel(), dimension);
            SplittableRandom root = new SplittableRandom(options.seed());
            root.split(); // the design stream, used by the caller
            this.fitRandom = root.split();
            this.acquisitionRandom = root.split();
            this.acquisition = new MultiStartMinimizer(options.acquisitionCandidates(), options.acquisitionStarts());
        }

        OptimizationResult execute(List<double[]> design) {
            log.evaluate(objective, design, 0);
            List<IterationDiagnostics> diagnostics = new ArrayList<>();
            Hyperparameters previous = null;
            int iteration = 0;
            StopReason stop = null;
            while (stop == null) {
                if (log.size() >= options.maxEvaluations()) {
                    stop = StopReason.BUDGET;
                    break;
                }
                iteration++;
                double[][] x = unitInputs();
                double[] y = log.penalisedValues();
                GaussianProcess gp = MaximumLikelihood.fit(kernel, x, y, options.fit(), fitRandom, previous);
                previous = gp.hyperparameters();
                int q = Math.min(options.batchSize(), options.maxEvaluations() - log.size());
                List<double[]> batch = new ArrayList<>();
                double firstImprovement = proposeBatch(gp, x, y, q, batch);
                if (batch.isEmpty()) {
                    stop = StopReason.EXPECTED_IMPROVEMENT_BELOW_THRESHOLD;
                }
                int best = log.bestIndex() >= 0 ? log.bestIndex() : 0;
                double[] incumbent = log.get(best).point();
                Prediction atIncumbent = gp.predict(bounds.toUnit(incumbent));
                List<double[]> points = new ArrayList<>();
                for (double[] u : batch) {
                    points.add(bounds.fromUnit(u));
                }
                if (!points.isEmpty()) {
                    log.evaluate(objective, points, iteration);
                }
                Hyperparameters h = gp.hyperparameters();
                diagnostics.add(new SurrogateIteration(iteration, log.size(), gp.jitter(),
                        gp.logMarginalLikelihood(), h.signalVariance(), h.lengthScales(), h.noiseVariance(),
                        firstImprovement, incumbent, log.penalisedValue(best), atIncumbent.standardDeviation()));
            }
            return log.bestObservedResult(diagnostics, stop);
        }

        /**
         * Fills {@code batch} with up to q points (unit cube) and returns the EI of the first; leaves it
         * empty when that EI is below the threshold.
         */
        private double proposeBatch(GaussianProcess gp, double[][] x, double[] y, int q, List<double[]> batch) {
            GaussianProcess model = gp;
            double[][] inputs = x;
            double[] targets = y;
            double firstImprovement = Double.NaN;
            for (int j = 0; j < q; j++) {
                double target = min(targets);
                LocalMinimum m = acquisition.minimize(negativeExpectedImprovement(model, target), dimension,
                        neighbourhoodSeeds(inputs, targets), acquisitionRandom);
                double improvement = -m.value();
                if (j == 0) {
                    firstImprovement = improvement;
                    if (improvement < options.expectedImprovementThreshold()) {
                        return firstImprovement;
                    }
                }
                batch.add(m.point());
                if (j + 1 < q) {
                    double lie = options.batchStrategy().lie(model, m.point(), y);
                    inputs = append(inputs, m.point());
                    targets = Arrays.copyOf(targets, targets.length + 1);
                    targets[targets.length - 1] = lie;
                    model = GaussianProcess.condition(kernel, gp.hyperparameters(), inputs, targets);
                }
            }
            return firstImprovement;
        }

        private DifferentiableFunction negativeExpectedImprovement(GaussianProcess model, double target) {
            double[] meanGradient = new double[dimension];
            double[] varianceGradient = new double[dimension];
            return (u, gradient) -> {
                Prediction p = model.predict(u, meanGradient, varianceGradient);
                double ei = ExpectedImprovement.valueAndGradient(p.mean(), p.variance(), meanGradient,
                        varianceGradient, target, gradient);
                for (int d = 0; d < dimension; d++) {
                    gradient[d] = -gradient[d];
                }
                return -ei;
            };
        }

        /** Small perturbations of the best few points: EI often peaks just beside the incumbent. */
        private List<double[]> neighbourhoodSeeds(double[][] inputs, double[] targets) {
            Integer[] order = new Integer[targets.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(targets[a], targets[b]));
            List<double[]> seeds = new ArrayList<>();
            for (int s = 0; s < Math.min(SEEDED_NEIGHBOURHOODS, order.length); s++) {
                double[] p = inputs[order[s]].clone();
                for (int d = 0; d < p.length; d++) {
                    p[d] += NEIGHBOURHOOD_SPREAD * acquisitionRandom.nextGaussian();
                }
                seeds.add(p);
            }
            return seeds;
        }

        private double[][] unitInputs() {
            double[][] x = new double[log.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = bounds.toUnit(log.get(i).point());
            }
            return x;
        }
    }

    static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    static double[][] append(double[][] rows, double[] row) {
        double[][] extended = Arrays.copyOf(rows, rows.length + 1);
        extended[rows.length] = row.clone();
        return extended;
    }
}
