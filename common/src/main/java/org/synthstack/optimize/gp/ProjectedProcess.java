package org.synthstack.optimize.gp;

import java.util.Arrays;

/**
 * REGO's projected process Z(θ) = E_x[Y(θ, x)] of a GP Y over joint inputs (θ, x) with the product
 * kernel {@code s²·k_θ(θ,θ')·exp(−½(x−x')ᵀΛ⁻¹(x−x'))}, Λ = diag(ℓ_x²).
 *
 * <p>Z is Gaussian with {@code ẑ(θ) = m + γ(θ)ᵀC⁻¹(y − m)} and {@code σ_z²(θ) = V − γ(θ)ᵀC⁻¹γ(θ)},
 * where {@code γ_i(θ) = s²·k_θ(θ, θ_i)·c_i} and c_i, V depend on the distribution of x only. Both
 * factories implement the corrected formulas of the domain notes (§4); the seed paper's eq. 20 has
 * the wrong sign in the exponent. All coordinates are the GP's own input units.
 */
public final class ProjectedProcess {
    private final GaussianProcess gp;
    private final double[] environmentFactors;
    private final double priorVariance;
    private final int designDimensions;

    private ProjectedProcess(GaussianProcess gp, double[] environmentFactors, double priorVariance) {
        this.gp = gp;
        this.environmentFactors = environmentFactors;
        this.priorVariance = priorVariance;
        this.designDimensions = gp.kernel().designDimensions();
    }

    /**
     * Gaussian-input form, x ~ N(μ, diag(σ²)):
     * {@code c_i = |I + ΣΛ⁻¹|^(−½)·exp(−½(x_i−μ)ᵀ(Λ+Σ)⁻¹(x_i−μ))}, {@code V = s²·|I + 2ΣΛ⁻¹|^(−½)}.
     *
     * @param mean μ, one entry per environment dimension
     * @param variance the diagonal of Σ, each &gt; 0
     */
    public static ProjectedProcess gaussianInputs(GaussianProcess gp, double[] mean, double[] variance) {
        Kernel kernel = gp.kernel();
        int p = kernel.designDimensions();
        int m = kernel.environmentDimensions();
        checkEnvironment(m, mean.length, "mean");
        checkEnvironment(m, variance.length, "variance");
        double[] lengthScales = gp.hyperparameters().lengthScales();
        double determinantFactor = 1;
        double varianceFactor = 1;
        for (int d = 0; d < m; d++) {
            if (!(variance[d] > 0) || !Double.isFinite(variance[d]) || !Double.isFinite(mean[d])) {
                throw new IllegalArgumentException("input distribution of environment dimension " + d
                        + " needs a finite mean and a positive finite variance, got N(" + mean[d] + ", "
                        + variance[d] + ")");
            }
            double l2 = lengthScales[p + d] * lengthScales[p + d];
            determinantFactor /= Math.sqrt(1 + variance[d] / l2);
            varianceFactor /= Math.sqrt(1 + 2 * variance[d] / l2);
        }
        double[] inputs = gp.inputs();
        int dim = kernel.dimension();
        double[] factors = new double[gp.size()];
        for (int i = 0; i < factors.length; i++) {
            double q = 0;
            for (int d = 0; d < m; d++) {
                double l2 = lengthScales[p + d] * lengthScales[p + d];
                double diff = inputs[i * dim + p + d] - mean[d];
                q += diff * diff / (l2 + variance[d]);
            }
            factors[i] = determinantFactor * Math.exp(-0.5 * q);
        }
        return new ProjectedProcess(gp, factors, gp.hyperparameters().signalVariance() * varianceFactor);
    }

    /**
     * Exact finite-instance form for instances x_k with weights p_k (normalised here to sum 1):
     * {@code c_i = Σ_k p_k k_x(x_k, x_i)}, {@code V = s²·Σ_k Σ_l p_k p_l k_x(x_k, x_l)}.
     */
    public static ProjectedProcess finiteInstances(GaussianProcess gp, double[][] instances, double[] weights) {
        Kernel kernel = gp.kernel();
        int p = kernel.designDimensions();
        int m = kernel.environmentDimensions();
        if (instances.length == 0 || instances.length != weights.length) {
            throw new IllegalArgumentException("need the same positive number of instances and weights, got "
                    + instances.length + " and " + weights.length);
        }
        double total = 0;
        for (int k = 0; k < weights.length; k++) {
            checkEnvironment(m, instances[k].length, "instance " + k);
            if (!(weights[k] >= 0) || !Double.isFinite(weights[k])) {
                throw new IllegalArgumentException("weight " + k + " must be finite and >= 0, got " + weights[k]);
            }
            total += weights[k];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("instance weights must not all be zero");
        }
        double[] inverseLengthScales = Arrays.copyOfRange(gp.inverseLengthScales(), p, p + m);
        double[] inputs = gp.inputs();
        int dim = kernel.dimension();
        double[] factors = new double[gp.size()];
        for (int i = 0; i < factors.length; i++) {
            double c = 0;
            for (int k = 0; k < instances.length; k++) {
                c += weights[k] / total * environmentCorrelation(instances[k], inputs, i * dim + p, inverseLengthScales);
            }
            factors[i] = c;
        }
        double v = 0;
        for (int k = 0; k < instances.length; k++) {
            for (int l = 0; l < instances.length; l++) {
                v += weights[k] / total * weights[l] / total
                        * environmentCorrelation(instances[k], instances[l], 0, inverseLengthScales);
            }
        }
        return new ProjectedProcess(gp, factors, gp.hyperparameters().signalVariance() * v);
    }

    private static double environmentCorrelation(double[] x, double[] other, int offset, double[] inverseLengthScales) {
        double r2 = 0;
        for (int d = 0; d < x.length; d++) {
            double z = (x[d] - other[offset + d]) * inverseLengthScales[d];
            r2 += z * z;
        }
        return Math.exp(-0.5 * r2);
    }

    private static void checkEnvironment(int expected, int actual, String what) {
        if (expected != actual) {
            throw new IllegalArgumentException(what + " has " + actual + " coordinates, the kernel has " + expected
                    + " environment dimensions");
        }
    }

    /** The GP this process projects. */
    public GaussianProcess gaussianProcess() {
        return gp;
    }

    /** V, the prior variance of Z (independent of θ for a stationary k_θ). */
    public double priorVariance() {
        return priorVariance;
    }

    public int designDimensions() {
        return designDimensions;
    }

    /** ẑ(θ) and σ_z²(θ). */
    public Prediction predict(double[] theta) {
        double[] gamma = gamma(theta, null, null);
        return combine(gamma);
    }

    /**
     * ẑ(θ) and σ_z²(θ), with their gradients with respect to θ written to {@code meanGradient} and
     * {@code varianceGradient}.
     */
    public Prediction predict(double[] theta, double[] meanGradient, double[] varianceGradient) {
        int n = gp.size();
        double[] gammaGradient = new double[n * designDimensions];
        double[] gamma = gamma(theta, gammaGradient, new double[designDimensions]);
        double[] alpha = gp.alpha();
        double[] v = gamma.clone();
        gp.cholesky().solveInPlace(v);
        double mean = gp.constantMean();
        double explained = 0;
        for (int i = 0; i < n; i++) {
            mean += gamma[i] * alpha[i];
            explained += gamma[i] * v[i];
        }
        Arrays.fill(meanGradient, 0.0);
        Arrays.fill(varianceGradient, 0.0);
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < designDimensions; d++) {
                double g = gammaGradient[i * designDimensions + d];
                meanGradient[d] += alpha[i] * g;
                varianceGradient[d] -= 2 * v[i] * g;
            }
        }
        return new Prediction(mean, Math.max(0.0, priorVariance - explained));
    }

    private Prediction combine(double[] gamma) {
        double[] alpha = gp.alpha();
        double mean = gp.constantMean();
        for (int i = 0; i < gamma.length; i++) {
            mean += gamma[i] * alpha[i];
        }
        gp.cholesky().solveLowerInPlace(gamma);
        double explained = 0;
        for (double w : gamma) {
            explained += w * w;
        }
        return new Prediction(mean, Math.max(0.0, priorVariance - explained));
    }

    private double[] gamma(double[] theta, double[] gradient, double[] scratch) {
        if (theta.length != designDimensions) {
            throw new IllegalArgumentException("θ has " + theta.length + " coordinates, the design has "
                    + designDimensions);
        }
        Kernel kernel = gp.kernel();
        double s2 = gp.hyperparameters().signalVariance();
        double[] inputs = gp.inputs();
        double[] inverseLengthScales = gp.inverseLengthScales();
        int dim = kernel.dimension();
        double[] gamma = new double[gp.size()];
        for (int i = 0; i < gamma.length; i++) {
            double scale = s2 * environmentFactors[i];
            if (gradient == null) {
                gamma[i] = scale * kernel.designCorrelation(theta, 0, inputs, i * dim, inverseLengthScales);
            } else {
                gamma[i] = scale * kernel.designCorrelationWithGradient(theta, 0, inputs, i * dim,
                        inverseLengthScales, scratch);
                for (int d = 0; d < designDimensions; d++) {
                    gradient[i * designDimensions + d] = scale * scratch[d];
                }
            }
        }
        return gamma;
    }
}
