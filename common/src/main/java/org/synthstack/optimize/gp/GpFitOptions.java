package org.synthstack.optimize.gp;

/**
 * How {@link MaximumLikelihood} searches the hyperparameters. The signal variance is bounded relative
 * to the sample variance v of the targets (1 if the targets are constant), the noise relative to the
 * signal variance (the nugget ratio g = σ_n²/s²); length-scales are in the model's input units,
 * which the optimisers scale to the unit interval per dimension.
 *
 * @param starts local searches per fit: a default guess, the warm start if any, then seeded random
 *     points of the log-box
 * @param maxIterations quasi-Newton iterations per local search
 * @param minSignalRatio lower bound of s²/v
 * @param maxSignalRatio upper bound of s²/v
 * @param minLengthScale lower bound of every ℓ_d
 * @param maxLengthScale upper bound of every ℓ_d
 * @param minNoiseRatio lower bound of σ_n²/s²
 * @param maxNoiseRatio upper bound of σ_n²/s²; equal to the lower bound fixes the ratio (0 allowed then)
 */
public record GpFitOptions(int starts, int maxIterations, double minSignalRatio, double maxSignalRatio,
        double minLengthScale, double maxLengthScale, double minNoiseRatio, double maxNoiseRatio) {

    public GpFitOptions {
        if (starts < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("GP fit: starts and maxIterations must be at least 1, got "
                    + starts + " and " + maxIterations);
        }
        checkRange("signal ratio", minSignalRatio, maxSignalRatio, false);
        checkRange("length-scale", minLengthScale, maxLengthScale, false);
        checkRange("noise ratio", minNoiseRatio, maxNoiseRatio, true);
    }

    private static void checkRange(String name, double lo, double hi, boolean fixedZeroAllowed) {
        boolean fixedZero = fixedZeroAllowed && lo == 0 && hi == 0;
        if (!fixedZero && (!(lo > 0) || !(hi >= lo) || !Double.isFinite(hi))) {
            throw new IllegalArgumentException("GP fit: " + name + " range must satisfy 0 < min <= max < ∞, got ["
                    + lo + ", " + hi + "]");
        }
    }

    /**
     * Three starts of at most 100 iterations; s²/v in [1e-6, 1e6], ℓ in [0.01, 100], σ_n²/s² in
     * [1e-10, 0.1] (a small estimated nugget: near-interpolation of deterministic black boxes while
     * tolerating noise).
     */
    public static GpFitOptions defaults() {
        return new GpFitOptions(3, 100, 1e-6, 1e6, 1e-2, 1e2, 1e-10, 1e-1);
    }

    public GpFitOptions withStarts(int newStarts) {
        return new GpFitOptions(newStarts, maxIterations, minSignalRatio, maxSignalRatio, minLengthScale,
                maxLengthScale, minNoiseRatio, maxNoiseRatio);
    }

    /** Fixes σ_n² at {@code ratio}·s² instead of estimating it; 0 gives an interpolating GP. */
    public GpFitOptions withFixedNoise(double ratio) {
        return new GpFitOptions(starts, maxIterations, minSignalRatio, maxSignalRatio, minLengthScale,
                maxLengthScale, ratio, ratio);
    }

    public GpFitOptions withNoiseRange(double minRatio, double maxRatio) {
        return new GpFitOptions(starts, maxIterations, minSignalRatio, maxSignalRatio, minLengthScale,
                maxLengthScale, minRatio, maxRatio);
    }

    public GpFitOptions withLengthScaleRange(double min, double max) {
        return new GpFitOptions(starts, maxIterations, minSignalRatio, maxSignalRatio, min, max, minNoiseRatio,
                maxNoiseRatio);
    }

    boolean noiseFixed() {
        return minNoiseRatio == maxNoiseRatio;
    }
}
