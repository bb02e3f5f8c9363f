package org.synthstack.optimize.bayes;

import org.synthstack.optimize.numeric.NormalDistribution;

/**
 * Expected improvement below a target for a Gaussian prediction N(ẑ, σ²):
 * {@code EI = σ·[u·Φ(u) + φ(u)]}, {@code u = (target − ẑ)/σ}, σ the predictive standard deviation
 * (the seed paper's eqs. 22–23 write σ², a typo). As σ → 0 it tends to {@code max(target − ẑ, 0)}.
 */
public final class ExpectedImprovement {

    private ExpectedImprovement() {
    }

    /** EI for mean ẑ and standard deviation σ ≥ 0, objective units. */
    public static double value(double mean, double standardDeviation, double target) {
        if (!(standardDeviation > 0)) {
            return Math.max(target - mean, 0.0);
        }
        double u = (target - mean) / standardDeviation;
        if (Double.isInfinite(u)) {
            return Math.max(target - mean, 0.0);
        }
        return standardDeviation * scaled(u);
    }

    /**
     * EI and its gradient, given the gradients of the predictive mean and variance; the gradient is
     * written to {@code gradient}.
     */
    public static double valueAndGradient(double mean, double variance, double[] meanGradient,
            double[] varianceGradient, double target, double[] gradient) {
        double sigma = Math.sqrt(Math.max(variance, 0.0));
        double u = sigma > 0 ? (target - mean) / sigma : Double.NaN;
        if (!(sigma > 0) || Double.isInfinite(u)) {
            boolean improving = target > mean;
            for (int d = 0; d < gradient.length; d++) {
                gradient[d] = improving ? -meanGradient[d] : 0.0;
            }
            return Math.max(target - mean, 0.0);
        }
        double dMean = -NormalDistribution.cdf(u);
        double dSigma = NormalDistribution.pdf(u);
        for (int d = 0; d < gradient.length; d++) {
            gradient[d] = dMean * meanGradient[d] + dSigma * varianceGradient[d] / (2 * sigma);
        }
        return sigma * scaled(u);
    }

    /** u·Φ(u) + φ(u), written as φ(u)·(1 + u·Φ(u)/φ(u)) for u &lt; 0 to avoid cancelling two tiny terms. */
    private static double scaled(double u) {
        if (u >= 0) {
            return u * NormalDistribution.cdf(u) + NormalDistribution.pdf(u);
        }
        return NormalDistribution.pdf(u) * (1 + u * NormalDistribution.cdfOverPdf(u));
    }
}
