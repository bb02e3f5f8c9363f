package org.synthstack.optimize.bayes;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.synthstack.optimize.gp.GaussianProcess;
import org.synthstack.optimize.gp.ProjectedProcess;
import org.synthstack.optimize.numeric.NormalDistribution;

/**
 * Independent Gaussian random inputs x_d ~ N(mean_d, variance_d): REGO's Gaussian-input projection,
 * closed-form for the squared-exponential kernel on x. The model box is mean ± 3 standard deviations.
 *
 * @param mean the means, in the black box's units
 * @param variance the variances, each &gt; 0
 */
public record GaussianInputs(double[] mean, double[] variance) implements InputDistribution {
    private static final double HALF_WIDTH_IN_SIGMAS = 3.0;
    private static final double OPEN_INTERVAL_MARGIN = 1e-12;

    public GaussianInputs {
        if (mean.length == 0 || mean.length != variance.length) {
            throw new IllegalArgumentException("Gaussian inputs need the same positive number of means and variances, got "
                    + mean.length + " and " + variance.length);
        }
        for (int d = 0; d < mean.length; d++) {
            if (!Double.isFinite(mean[d]) || !(variance[d] > 0) || !Double.isFinite(variance[d])) {
                throw new IllegalArgumentException("random input " + d + " needs a finite mean and a positive finite variance, got N("
                        + mean[d] + ", " + variance[d] + ")");
            }
        }
        mean = mean.clone();
        variance = variance.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] variance() {
        return variance.clone();
    }

    @Override
    public int dimension() {
        return mean.length;
    }

    @Override
    public double[] sample(SplittableRandom random) {
        double[] x = new double[mean.length];
        for (int d = 0; d < x.length; d++) {
            x[d] = mean[d] + Math.sqrt(variance[d]) * random.nextGaussian();
        }
        return x;
    }

    @Override
    public double[] fromUniform(double[] u) {
        double[] x = new double[mean.length];
        for (int d = 0; d < x.length; d++) {
            double p = Math.min(1 - OPEN_INTERVAL_MARGIN, Math.max(OPEN_INTERVAL_MARGIN, u[d]));
            x[d] = mean[d] + Math.sqrt(variance[d]) * NormalDistribution.inverseCdf(p);
        }
        return x;
    }

    @Override
    public double[] modelLower() {
        double[] lower = new double[mean.length];
        for (int d = 0; d < lower.length; d++) {
            lower[d] = mean[d] - HALF_WIDTH_IN_SIGMAS * Math.sqrt(variance[d]);
        }
        return lower;
    }

    @Override
    public double[] modelWidth() {
        double[] width = new double[mean.length];
        for (int d = 0; d < width.length; d++) {
            width[d] = 2 * HALF_WIDTH_IN_SIGMAS * Math.sqrt(variance[d]);
        }
        return width;
    }

    @Override
    public ProjectedProcess project(GaussianProcess gp) {
        double[] lower = modelLower();
        double[] width = modelWidth();
        double[] modelMean = new double[mean.length];
        double[] modelVariance = new double[mean.length];
        for (int d = 0; d < mean.length; d++) {
            modelMean[d] = (mean[d] - lower[d]) / width[d];
            modelVariance[d] = variance[d] / (width[d] * width[d]);
        }
        return ProjectedProcess.gaussianInputs(gp, modelMean, modelVariance);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianInputs g && Arrays.equals(mean, g.mean) && Arrays.equals(variance, g.variance);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(variance);
    }

    @Override
    public String toString() {
        return "GaussianInputs[mean=" + Arrays.toString(mean) + ", variance=" + Arrays.toString(variance) + "]";
    }
}
