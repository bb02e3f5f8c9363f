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
import org.synthstack.optimize.gp.ProjectedProcess;
import org.synthstack.optimize.numeric.DifferentiableFunction;
import org.synthstack.optimize.numeric.LatinHypercube;
import org.synthstack.optimize.numeric.LocalMinimum;

/**
 * Robust EGO (Janusevskis &amp; Le Riche 2010; the seed paper's Table I): minimises an expected loss
 * {@code EL(θ) = E_x[L(θ, x)]} from single evaluations of L.
 *
 * <p>A GP Y models L over the joint input (θ, x) with the product kernel of {@link Kernel#product};
 * its projection Z(θ) = E_x[Y(θ, x)] ({@link ProjectedProcess}) models EL. Each iteration refits Y by
 * maximum likelihood, finds θ̂* = argmin ẑ, picks the next θ by maximising the expected improvement
 * of Z below ẑ(θ̂*), and draws the next x from p(X) with the run's seeded generator. The answer is
 * argmin ẑ of the final model. With a batch size q &gt; 1, q (θ, x) pairs are proposed per iteration
 * with the chosen {@link BatchStrategy}, the fictitious values placed at the joint points.
 *
 * <p>The black box receives joint points {@code [θ_1 … θ_n, x_1 … x_m]}: θ in the units of the
 * design bounds, x as drawn from the {@link InputDistribution} (not clipped to any box).
 */
public final class Rego {
    private static final int DESIGN_TRIES = 20;
    private static final int SEEDED_NEIGHBOURHOODS = 3;
    private static final double NEIGHBOURHOOD_SPREAD = 0.01;

    private Rego() {
    }

    /** Minimises the expected loss of a point-wise L, evaluating each batch sequentially. */
    public static OptimizationResult minimize(ToDoubleFunction<double[]> loss, Bounds designBounds,
            InputDistribution inputs, SurrogateOptions options) {
        return minimizeBatch(BatchObjective.sequential(loss), designBounds, inputs, options);
    }

    /**
     * Minimises {@code E_x[L(θ, x)]} over θ in the design bounds.
     *
     * @return {@code bestPoint} = argmin ẑ (design units) and {@code bestValue} = ẑ there, the model's
     *     estimate of the expected loss; the history holds every joint evaluation
     */
    public static OptimizationResult minimizeBatch(BatchObjective loss, Bounds designBounds, InputDistribution inputs,
            SurrogateOptions options) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(designBounds, "designBounds");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(options, "options");
        return new Run(loss, designBounds, inputs, options).execute(null);
    }

    /**
     * Minimises {@code E_x[L(θ, x)]} from a given initial design of joint points {@code [θ…, x…]}
     * (θ in the units of the design bounds, x in the black box's units), which replaces the Latin
     * hypercube through p(X); {@code options.initialDesignSize()} is then ignored. Use it to spread
     * the first x over a box of interest rather than over p(X) (the seed paper's D_r); later x are
     * still drawn from p(X). The same seed gives the same run as long as the design is the same.
     *
     * @throws IllegalArgumentException if the design is empty or larger than the budget, or a point
     *     has the wrong number of coordinates, a non-finite coordinate or a θ outside the bounds
     */
    public static OptimizationResult minimizeBatch(BatchObjective loss, Bounds designBounds, InputDistribution inputs,
            SurrogateOptions options, List<double[]> initialDesign) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(designBounds, "designBounds");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(initialDesign, "initialDesign");
        if (initialDesign.isEmpty() || initialDesign.size() > options.maxEvaluations()) {
            throw new IllegalArgumentException("the initial design has " + initialDesign.size()
                    + " points; it needs between 1 and the budget of " + options.maxEvaluations());
        }
        int n = designBounds.dimension();
        int joint = n + inputs.dimension();
        List<double[]> design = new ArrayList<>(initialDesign.size());
        for (int i = 0; i < initialDesign.size(); i++) {
            double[] p = initialDesign.get(i);
            if (p == null || p.length != joint) {
                throw new IllegalArgumentException("initial design point " + i + " has "
                        + (p == null ? "no" : String.valueOf(p.length)) + " coordinates, expected " + joint
                        + " (θ then x)");
            }
            for (double v : p) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("initial design point " + i + " " + Arrays.toString(p)
                            + " has a non-finite coordinate");
                }
            }
            if (!designBounds.contains(Arrays.copyOf(p, n))) {
                throw new IllegalArgumentException("initial design point " + i + " " + Arrays.toString(p)
                        + " has θ outside " + designBounds);
            }
            design.add(p.clone());
        }
        return new Run(loss, designBounds, inputs, options).execute(design);
    }

    private static final class Run {
        private final BatchObjective loss;
        private final Bounds designBounds;
        private final InputDistribution inputs;
        private final SurrogateOptions options;
        private final int designDimensions;
        private final int environmentDimensions;
        private final double[] environmentLower;
        private final double[] environmentWidth;
        private final Kernel kernel;
        private final EvaluationLog log = new EvaluationLog();
        private final SplittableRandom designRandom;
        private final SplittableRandom fitRandom;
        private final SplittableRandom acquisitionRandom;
        private final SplittableRandom inputRandom;
        private final MultiStartMinimizer search;

        Run(BatchObjective loss, Bounds designBounds, InputDistribution inputs, SurrogateOptions options) {
            this.loss = loss;
            this.designBounds = designBounds;
            this.inputs = inputs;
            this.options = options;
            this.designDimensions = designBounds.dimension();
            this.environmentDimensions = inputs.dimension();
            this.environmentLower = inputs.modelLower();
            this.environmentWidth = inputs.modelWidth();
            this.kernel = Kernel.product(options.kernel(), designDimensions, environmentDimensions);
            SplittableRandom root = new SplittableRandom(options.seed());
            this.designRandom = root.split();
            this.fitRandom = root.split();
            this.acquisitionRandom = root.split();
            this.inputRandom = root.split();
            this.search = new MultiStartMinimizer(options.acquisitionCandidates(), options.acquisitionStarts());
        }

        /** Runs from {@code design}, or from the Latin hypercube through p(X) when it is null. */
        OptimizationResult execute(List<double[]> design) {
            log.evaluate(loss, design != null ? design : initialDesign(), 0);
            List<IterationDiagnostics> diagnostics = new ArrayList<>();
            Hyperparameters previous = null;
            int iteration = 0;
            StopReason stop = null;
            double[] incumbent;
            Prediction atIncumbent;
            while (true) {
                iteration++;
                double[][] x = modelInputs();
                double[] y = log.penalisedValues();
                GaussianProcess gp = MaximumLikelihood.fit(kernel, x, y, options.fit(), fitRandom, previous);
                previous = gp.hyperparameters();
                ProjectedProcess z = inputs.project(gp);
                incumbent = minimiseMean(z, x);
                atIncumbent = z.predict(incumbent);
                List<double[]> batch = new ArrayList<>();
                double firstImprovement = Double.NaN;
                if (log.size() >= options.maxEvaluations()) {
                    stop = StopReason.BUDGET;
                } else {
                    int q = Math.min(options.batchSize(), options.maxEvaluations() - log.size());
                    firstImprovement = proposeBatch(gp, z, atIncumbent.mean(), x, y, q, batch);
                    if (batch.isEmpty()) {
                        stop = StopReason.EXPECTED_IMPROVEMENT_BELOW_THRESHOLD;
                    } else {
                        log.evaluate(loss, batch, iteration);
                    }
                }
                Hyperparameters h = gp.hyperparameters();
                diagnostics.add(new SurrogateIteration(iteration, log.size(), gp.jitter(), gp.logMarginalLikelihood(),
                        h.signalVariance(), h.lengthScales(), h.noiseVariance(), firstImprovement,
                        designBounds.fromUnit(incumbent), atIncumbent.mean(), atIncumbent.standardDeviation()));
                if (stop != null) {
                    break;
                }
            }
            return new OptimizationResult(designBounds.fromUnit(incumbent), atIncumbent.mean(), log.size(),
                    log.evaluations(), diagnostics, stop);
        }

        /** A maximin Latin hypercube over (θ, u), with x = the distribution's inverse CDF of u. */
        private List<double[]> initialDesign() {
            List<double[]> design = new ArrayList<>();
            for (double[] u : LatinHypercube.maximin(options.initialDesignSize(),
                    designDimensions + environmentDimensions, DESIGN_TRIES, designRandom)) {
                double[] theta = designBounds.fromUnit(Arrays.copyOf(u, designDimensions));
                double[] x = inputs.fromUniform(Arrays.copyOfRange(u, designDimensions, u.length));
                design.add(joint(theta, x));
            }
            return design;
        }

        /**
         * Fills {@code batch} with up to q joint points (black-box units) and returns the EI of the
         * first; leaves it empty when that EI is below the threshold.
         */
        private double proposeBatch(GaussianProcess gp, ProjectedProcess z, double target, double[][] x, double[] y,
                int q, List<double[]> batch) {
            ProjectedProcess model = z;
            double[][] modelX = x;
            double[] modelY = y;
            double bestMean = target;
            double firstImprovement = Double.NaN;
            for (int j = 0; j < q; j++) {
                LocalMinimum m = search.minimize(negativeExpectedImprovement(model, bestMean), designDimensions,
                        neighbourhoodSeeds(model, modelX), acquisitionRandom);
                double improvement = -m.value();
                if (j == 0) {
                    firstImprovement = improvement;
                    if (improvement < options.expectedImprovementThreshold()) {
                        return firstImprovement;
                    }
                }
                double[] theta = m.point();
                double[] draw = inputs.sample(inputRandom);
                batch.add(joint(designBounds.fromUnit(theta), draw));
                if (j + 1 < q) {
                    double[] modelPoint = joint(theta, toModel(draw));
                    double lie = options.batchStrategy().lie(model.gaussianProcess(), modelPoint, y);
                    modelX = Ego.append(modelX, modelPoint);
                    modelY = Arrays.copyOf(modelY, modelY.length + 1);
                    modelY[modelY.length - 1] = lie;
                    model = inputs.project(GaussianProcess.condition(kernel, gp.hyperparameters(), modelX, modelY));
                    bestMean = model.predict(minimiseMean(model, modelX)).mean();
                }
            }
            return firstImprovement;
        }

        /** argmin ẑ over the unit design cube, searched from the evaluated θs and space-filling candidates. */
        private double[] minimiseMean(ProjectedProcess z, double[][] x) {
            double[] meanGradient = new double[designDimensions];
            double[] varianceGradient = new double[designDimensions];
            DifferentiableFunction mean = (theta, gradient) -> {
                Prediction p = z.predict(theta, meanGradient, varianceGradient);
                System.arraycopy(meanGradient, 0, gradient, 0, designDimensions);
                return p.mean();
            };
            List<double[]> seeds = new ArrayList<>();
            for (double[] row : x) {
                seeds.add(Arrays.copyOf(row, designDimensions));
            }
            return search.minimize(mean, designDimensions, seeds, acquisitionRandom).point();
        }

        private DifferentiableFunction negativeExpectedImprovement(ProjectedProcess z, double target) {
            double[] meanGradient = new double[designDimensions];
            double[] varianceGradient = new double[designDimensions];
            return (theta, gradient) -> {
                Prediction p = z.predict(theta, meanGradient, varianceGradient);
                double ei = ExpectedImprovement.valueAndGradient(p.mean(), p.variance(), meanGradient,
                        varianceGradient, target, gradient);
                for (int d = 0; d < designDimensions; d++) {
                    gradient[d] = -gradient[d];
                }
                return -ei;
            };
        }

        /** Perturbations of the design points with the lowest predicted expected loss. */
        private List<double[]> neighbourhoodSeeds(ProjectedProcess z, double[][] x) {
            double[] predicted = new double[x.length];
            Integer[] order = new Integer[x.length];
            for (int i = 0; i < x.length; i++) {
                predicted[i] = z.predict(Arrays.copyOf(x[i], designDimensions)).mean();
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(predicted[a], predicted[b]));
            List<double[]> seeds = new ArrayList<>();
            for (int s = 0; s < Math.min(SEEDED_NEIGHBOURHOODS, order.length); s++) {
                double[] p = Arrays.copyOf(x[order[s]], designDimensions);
                for (int d = 0; d < p.length; d++) {
                    p[d] += NEIGHBOURHOOD_SPREAD * acquisitionRandom.nextGaussian();
                }
                seeds.add(p);
            }
            return seeds;
        }

        private double[][] modelInputs() {
            double[][] x = new double[log.size()][];
            for (int i = 0; i < x.length; i++) {
                double[] point = log.get(i).point();
                double[] theta = designBounds.toUnit(Arrays.copyOf(point, designDimensions));
                x[i] = joint(theta, toModel(Arrays.copyOfRange(point, designDimensions, point.length)));
            }
            return x;
        }

        private double[] toModel(double[] environment) {
            double[] scaled = new double[environmentDimensions];
            for (int d = 0; d < scaled.length; d++) {
                scaled[d] = (environment[d] - environmentLower[d]) / environmentWidth[d];
            }
            return scaled;
        }

        private static double[] joint(double[] theta, double[] x) {
            double[] p = Arrays.copyOf(theta, theta.length + x.length);
            System.arraycopy(x, 0, p, theta.length, x.length);
            return p;
        }
    }
}
