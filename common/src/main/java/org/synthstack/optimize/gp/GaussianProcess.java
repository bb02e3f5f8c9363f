package org.synthstack.optimize.gp;

import java.util.Arrays;
import org.synthstack.optimize.numeric.Cholesky;

/**
 * A Gaussian-process regression model conditioned on data, for fixed hyperparameters.
 *
 * <p>Prior: {@code y = m + f(x) + ε}, f ~ GP(0, s²·r), ε ~ N(0, σ_n²), with the constant mean m set to
 * its generalised-least-squares estimate {@code 1ᵀC⁻¹y / 1ᵀC⁻¹1}. Predictions treat m as known
 * (simple kriging on the residuals): {@code ŷ(x) = m + kᵀC⁻¹(y − m)},
 * {@code σ²(x) = s² − kᵀC⁻¹k}, of the latent {@code m + f}. C is factorised by {@link Cholesky} with
 * adaptive jitter, so duplicated inputs never fail; {@link #jitter()} reports what was added.
 */
public final class GaussianProcess {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Kernel kernel;
    private final Hyperparameters hyperparameters;
    private final int n;
    private final int dimension;
    private final double[] inputs;
    private final double[] targets;
    private final double[] inverseLengthScales;
    private final Cholesky cholesky;
    private final double mean;
    private final double[] alpha;
    private final double quadraticForm;
    private final double logMarginalLikelihood;

    private GaussianProcess(Kernel kernel, Hyperparameters hyperparameters, double[] inputs, double[] targets) {
        this.kernel = kernel;
        this.hyperparameters = hyperparameters;
        this.n = targets.length;
        this.dimension = kernel.dimension();
        this.inputs = inputs;
        this.targets = targets;
        this.inverseLengthScales = new double[dimension];
        for (int d = 0; d < dimension; d++) {
            inverseLengthScales[d] = 1 / hyperparameters.lengthScale(d);
        }
        this.cholesky = Cholesky.factor(covarianceMatrix(), n);

        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        cholesky.solveInPlace(ones);
        double onesC1 = 0;
        double onesCy = 0;
        for (int i = 0; i < n; i++) {
            onesC1 += ones[i];
            onesCy += ones[i] * targets[i];
        }
        this.mean = onesCy / onesC1;

        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            residual[i] = targets[i] - mean;
        }
        double[] whitened = residual.clone();
        cholesky.solveLowerInPlace(whitened);
        double quadratic = 0;
        for (double w : whitened) {
            quadratic += w * w;
        }
        this.quadraticForm = quadratic;
        this.alpha = whitened;
        cholesky.solveUpperInPlace(alpha);
        this.logMarginalLikelihood = -0.5 * cholesky.logDeterminant() - 0.5 * quadratic - 0.5 * n * LOG_2PI;
    }

    /**
     * Conditions the GP on training data.
     *
     * @param inputs N points of {@code kernel.dimension()} coordinates
     * @param targets N finite values
     * @throws IllegalArgumentException on empty data, mismatched sizes or non-finite values
     */
    public static GaussianProcess condition(Kernel kernel, Hyperparameters hyperparameters, double[][] inputs,
            double[] targets) {
        if (inputs.length == 0 || inputs.length != targets.length) {
            throw new IllegalArgumentException("GP needs the same positive number of inputs and targets, got "
                    + inputs.length + " and " + targets.length);
        }
        if (hyperparameters.dimension() != kernel.dimension()) {
            throw new IllegalArgumentException("hyperparameters have " + hyperparameters.dimension()
                    + " length-scales but the kernel has " + kernel.dimension() + " dimensions");
        }
        int d = kernel.dimension();
        double[] flat = new double[inputs.length * d];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].length != d) {
                throw new IllegalArgumentException("input " + i + " has " + inputs[i].length
                        + " coordinates, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(inputs[i][j])) {
                    throw new IllegalArgumentException("input " + i + " coordinate " + j + " is not finite");
                }
                flat[i * d + j] = inputs[i][j];
            }
            if (!Double.isFinite(targets[i])) {
                throw new IllegalArgumentException("target " + i + " is not finite: " + targets[i]);
            }
        }
        return new GaussianProcess(kernel, hyperparameters, flat, targets.clone());
    }

    private double[] covarianceMatrix() {
        double s2 = hyperparameters.signalVariance();
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            c[i * n + i] = s2 + hyperparameters.noiseVariance();
            for (int j = 0; j < i; j++) {
                double v = s2 * kernel.correlation(inputs, i * dimension, inputs, j * dimension, inverseLengthScales);
                c[i * n + j] = v;
                c[j * n + i] = v;
            }
        }
        return c;
    }

    public Kernel kernel() {
        return kernel;
    }

    public Hyperparameters hyperparameters() {
        return hyperparameters;
    }

    /** Number of training points. */
    public int size() {
        return n;
    }

    /** The estimated constant mean m. */
    public double constantMean() {
        return mean;
    }

    /** The diagonal jitter the factorisation of C needed (0 if none), objective units squared. */
    public double jitter() {
        return cholesky.jitter();
    }

    /** Log marginal likelihood of the targets (seed eq. 27 with the residuals y − m). */
    public double logMarginalLikelihood() {
        return logMarginalLikelihood;
    }

    /** Predictive distribution of the latent function at x. */
    public Prediction predict(double[] x) {
        double[] k = crossCovariance(x);
        double mu = mean;
        for (int i = 0; i < n; i++) {
            mu += k[i] * alpha[i];
        }
        cholesky.solveLowerInPlace(k);
        double explained = 0;
        for (double v : k) {
            explained += v * v;
        }
        return new Prediction(mu, Math.max(0.0, hyperparameters.signalVariance() - explained));
    }

    /**
     * Predictive distribution at x, with the gradients of mean and variance with respect to x written
     * to {@code meanGradient} and {@code varianceGradient}.
     */
    public Prediction predict(double[] x, double[] meanGradient, double[] varianceGradient) {
        double s2 = hyperparameters.signalVariance();
        double[] k = new double[n];
        double[] dk = new double[n * dimension];
        double[] g = new double[dimension];
        for (int i = 0; i < n; i++) {
            k[i] = s2 * kernel.correlationWithGradient(x, 0, inputs, i * dimension, inverseLengthScales, g);
            for (int d = 0; d < dimension; d++) {
                dk[i * dimension + d] = s2 * g[d];
            }
        }
        double mu = mean;
        for (int i = 0; i < n; i++) {
            mu += k[i] * alpha[i];
        }
        double[] v = k.clone();
        cholesky.solveInPlace(v);
        double explained = 0;
        for (int i = 0; i < n; i++) {
            explained += k[i] * v[i];
        }
        Arrays.fill(meanGradient, 0.0);
        Arrays.fill(varianceGradient, 0.0);
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dimension; d++) {
                double dki = dk[i * dimension + d];
                meanGradient[d] += alpha[i] * dki;
                varianceGradient[d] -= 2 * v[i] * dki;
            }
        }
        return new Prediction(mu, Math.max(0.0, s2 - explained));
    }

    /** Posterior covariance of the latent function between a and b: k(a,b) − k_aᵀC⁻¹k_b. */
    public double posteriorCovariance(double[] a, double[] b) {
        double[] ka = crossCovariance(a);
        double[] kb = crossCovariance(b);
        cholesky.solveLowerInPlace(ka);
        cholesky.solveLowerInPlace(kb);
        double explained = 0;
        for (int i = 0; i < n; i++) {
            explained += ka[i] * kb[i];
        }
        return priorCovariance(a, b) - explained;
    }

    /** Prior covariance s²·r(a, b) of the latent function. */
    public double priorCovariance(double[] a, double[] b) {
        return hyperparameters.signalVariance() * kernel.correlation(a, 0, b, 0, inverseLengthScales);
    }

    /**
     * Gradient of {@link #logMarginalLikelihood()} with respect to
     * {@code (log s², log ℓ_1 … log ℓ_D, log σ_n²)}. The estimated mean needs no term of its own: it
     * maximises the likelihood, so its derivative vanishes there.
     */
    public double[] logMarginalLikelihoodGradient() {
        return likelihoodGradient(1.0);
    }

    /**
     * The log-likelihood gradient of the model whose covariance is {@code scale·C}, with the same
     * residuals: {@code ½·tr((ααᵀ/scale − C⁻¹)·∂C/∂p)}. The concentrated likelihood of
     * {@link MaximumLikelihood} conditions with s² = 1 and rescales through this.
     */
    double[] likelihoodGradient(double scale) {
        double residualWeight = 1 / scale;
        double s2 = hyperparameters.signalVariance();
        double noise = hyperparameters.noiseVariance();
        double[] inverse = cholesky.inverse();
        double[] gradient = new double[dimension + 2];
        double signal = 0;
        double traceInverse = 0;
        double alphaSquared = 0;
        for (int i = 0; i < n; i++) {
            double wii = residualWeight * alpha[i] * alpha[i] - inverse[i * n + i];
            signal += 0.5 * wii * s2;
            traceInverse += inverse[i * n + i];
            alphaSquared += alpha[i] * alpha[i];
            for (int j = 0; j < i; j++) {
                // W = ααᵀ − C⁻¹ is symmetric: each off-diagonal pair counts twice, times the ½ of the trace formula.
                double wij = residualWeight * alpha[i] * alpha[j] - inverse[i * n + j];
                double weight = wij * s2;
                signal += weight * kernel.addLengthScaleGradient(inputs, i * dimension, inputs, j * dimension,
                        inverseLengthScales, weight, gradient, 1);
            }
        }
        gradient[0] = signal;
        gradient[dimension + 1] = 0.5 * noise * (residualWeight * alphaSquared - traceInverse);
        return gradient;
    }

    /** (y − m)ᵀC⁻¹(y − m). */
    double quadraticForm() {
        return quadraticForm;
    }

    /** log det C (jitter included). */
    double logDeterminant() {
        return cholesky.logDeterminant();
    }

    /** Coefficients C⁻¹(y − m). */
    double[] alpha() {
        return alpha;
    }

    Cholesky cholesky() {
        return cholesky;
    }

    double[] inputs() {
        return inputs;
    }

    double[] inverseLengthScales() {
        return inverseLengthScales;
    }

    double[] targets() {
        return targets.clone();
    }

    private double[] crossCovariance(double[] x) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("point has " + x.length + " coordinates, GP has " + dimension);
        }
        double s2 = hyperparameters.signalVariance();
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = s2 * kernel.correlation(x, 0, inputs, i * dimension, inverseLengthScales);
        }
        return k;
    }
}
