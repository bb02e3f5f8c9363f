package org.synthstack.optimize.gp;

import java.util.SplittableRandom;
import org.synthstack.optimize.numeric.BoundedQuasiNewton;
import org.synthstack.optimize.numeric.DifferentiableFunction;
import org.synthstack.optimize.numeric.LocalMinimum;

/**
 * Type-II maximum likelihood: hyperparameters maximising the log marginal likelihood, found by
 * {@link BoundedQuasiNewton} with the analytic gradient in log-parameter space, from several starts.
 *
 * <p>The covariance is written {@code s²·(R + g·I)} with the nugget ratio g = σ_n²/s². For given
 * length-scales and g, the likelihood is maximised over s² in closed form,
 * {@code ŝ² = (y − m)ᵀ(R + gI)⁻¹(y − m)/N} (clamped to its bounds), so the numerical search runs over
 * {@code (log ℓ, log g)} only. This removes the s²–ℓ ridge that slows a joint search. The gradient of
 * this concentrated likelihood is the partial gradient at ŝ² (envelope theorem), exact also where
 * the clamp is active because ŝ² is then locally constant.
 */
public final class MaximumLikelihood {
    private static final double DEFAULT_LENGTH_SCALE = 0.3;
    private static final double DEFAULT_NOISE_RATIO = 1e-6;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private MaximumLikelihood() {
    }

    /**
     * Fits and conditions a GP.
     *
     * @param warmStart hyperparameters to start one extra local search from (for example the previous
     *     iteration's), or null
     * @param random source of the random starts; the fit is deterministic given its state
     */
    public static GaussianProcess fit(Kernel kernel, double[][] inputs, double[] targets, GpFitOptions options,
            SplittableRandom random, Hyperparameters warmStart) {
        Concentrated likelihood = new Concentrated(kernel, inputs, targets, options);
        BoundedQuasiNewton local = new BoundedQuasiNewton(options.maxIterations(), 1e-5, 1e-9);
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        int searches = options.starts() + (warmStart != null ? 1 : 0);
        for (int s = 0; s < searches; s++) {
            double[] start;
            if (s == 0) {
                start = likelihood.defaultStart();
            } else if (s == 1 && warmStart != null) {
                start = likelihood.toParameters(warmStart);
            } else {
                start = likelihood.randomStart(random);
            }
            LocalMinimum m = local.minimize(likelihood, start, likelihood.lower, likelihood.upper);
            if (m.value() < bestValue) {
                bestValue = m.value();
                best = m.point();
            }
        }
        return likelihood.model(best != null ? best : likelihood.defaultStart());
    }

    /** The negative concentrated log-likelihood over {@code (log ℓ_1 … log ℓ_D [, log g])}. */
    private static final class Concentrated implements DifferentiableFunction {
        private final Kernel kernel;
        private final double[][] inputs;
        private final double[] targets;
        private final int dimension;
        private final boolean noiseFixed;
        private final double fixedNoiseRatio;
        private final double minSignal;
        private final double maxSignal;
        final double[] lower;
        final double[] upper;

        Concentrated(Kernel kernel, double[][] inputs, double[] targets, GpFitOptions options) {
            this.kernel = kernel;
            this.inputs = inputs;
            this.targets = targets;
            this.dimension = kernel.dimension();
            this.noiseFixed = options.noiseFixed();
            this.fixedNoiseRatio = options.minNoiseRatio();
            double scale = sampleVariance(targets);
            this.minSignal = options.minSignalRatio() * scale;
            this.maxSignal = options.maxSignalRatio() * scale;
            int parameters = dimension + (noiseFixed ? 0 : 1);
            lower = new double[parameters];
            upper = new double[parameters];
            for (int d = 0; d < dimension; d++) {
                lower[d] = Math.log(options.minLengthScale());
                upper[d] = Math.log(options.maxLengthScale());
            }
            if (!noiseFixed) {
                lower[dimension] = Math.log(options.minNoiseRatio());
                upper[dimension] = Math.log(options.maxNoiseRatio());
            }
        }

        @Override
        public double valueAndGradient(double[] p, double[] gradient) {
            GaussianProcess unit;
            try {
                unit = GaussianProcess.condition(kernel, unitSignal(p), inputs, targets);
            } catch (IllegalStateException notPositiveDefinite) {
                return Double.NaN;
            }
            int n = targets.length;
            double s2 = signalVariance(unit);
            double logLikelihood = -0.5 * unit.logDeterminant() - 0.5 * n * Math.log(s2)
                    - 0.5 * unit.quadraticForm() / s2 - 0.5 * n * LOG_2PI;
            double[] g = unit.likelihoodGradient(s2);
            for (int d = 0; d < dimension; d++) {
                gradient[d] = -g[1 + d];
            }
            if (!noiseFixed) {
                gradient[dimension] = -g[dimension + 1];
            }
            return -logLikelihood;
        }

        GaussianProcess model(double[] p) {
            Hyperparameters unitHyperparameters = unitSignal(p);
            double s2 = signalVariance(GaussianProcess.condition(kernel, unitHyperparameters, inputs, targets));
            return GaussianProcess.condition(kernel, new Hyperparameters(s2, unitHyperparameters.lengthScales(),
                    s2 * unitHyperparameters.noiseVariance()), inputs, targets);
        }

        private double signalVariance(GaussianProcess unit) {
            double s2 = unit.quadraticForm() / targets.length;
            return Math.min(maxSignal, Math.max(minSignal, s2));
        }

        private Hyperparameters unitSignal(double[] p) {
            double[] lengthScales = new double[dimension];
            for (int d = 0; d < dimension; d++) {
                lengthScales[d] = Math.exp(p[d]);
            }
            return new Hyperparameters(1.0, lengthScales, noiseFixed ? fixedNoiseRatio : Math.exp(p[dimension]));
        }

        double[] defaultStart() {
            double[] p = new double[lower.length];
            for (int d = 0; d < dimension; d++) {
                p[d] = Math.log(DEFAULT_LENGTH_SCALE);
            }
            if (!noiseFixed) {
                p[dimension] = Math.log(DEFAULT_NOISE_RATIO);
            }
            return clamp(p);
        }

        double[] randomStart(SplittableRandom random) {
            double[] p = new double[lower.length];
            for (int j = 0; j < p.length; j++) {
                p[j] = lower[j] + random.nextDouble() * (upper[j] - lower[j]);
            }
            return p;
        }

        double[] toParameters(Hyperparameters h) {
            double[] p = new double[lower.length];
            for (int d = 0; d < dimension; d++) {
                p[d] = Math.log(h.lengthScale(d));
            }
            if (!noiseFixed) {
                p[dimension] = Math.log(Math.max(h.noiseVariance() / h.signalVariance(), Double.MIN_NORMAL));
            }
            return clamp(p);
        }

        private double[] clamp(double[] p) {
            for (int j = 0; j < p.length; j++) {
                p[j] = Math.min(upper[j], Math.max(lower[j], p[j]));
            }
            return p;
        }
    }

    private static double sampleVariance(double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double s = 0;
        for (double v : y) {
            s += (v - mean) * (v - mean);
        }
        double variance = y.length > 1 ? s / (y.length - 1) : 0;
        return variance > 0 && Double.isFinite(variance) ? variance : 1.0;
    }
}
