package org.synthstack.optimize.direct;

/**
 * Settings of a DIRECT run. Start from {@link #budget(int)} and refine with the {@code with…}/{@code stop…}
 * methods.
 *
 * @param variant the selection rule
 * @param maxEvaluations hard cap on black-box evaluations: an iteration whose divisions would not all
 *     fit is cut short to the rectangles that do, and the run stops when nothing fits
 * @param epsilon Jones's ε: a rectangle is potentially optimal only if it could improve on
 *     {@code f_min − ε·|f_min|}
 * @param globalMinimum the known global minimum f_global for the percent-error stop, or NaN for none
 * @param percentErrorTolerance stop once {@code 100·(f_min − f_global)/|f_global| < tolerance}
 *     ({@code 100·f_min} when f_global = 0); checked after each iteration
 * @param minRectangleSize stop once the rectangle whose centre is the best point has a
 *     centre-to-vertex distance below this, in unit-hypercube coordinates (0: never)
 */
public record DirectOptions(DirectVariant variant, int maxEvaluations, double epsilon, double globalMinimum,
        double percentErrorTolerance, double minRectangleSize) {

    public static final double JONES_EPSILON = 1e-4;
    public static final double STANDARD_PERCENT_ERROR = 0.01;

    public DirectOptions {
        if (variant == null) {
            throw new IllegalArgumentException("DIRECT: variant must not be null");
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("DIRECT: maxEvaluations must be at least 1, got " + maxEvaluations);
        }
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("DIRECT: epsilon must be finite and >= 0, got " + epsilon);
        }
        if (Double.isInfinite(globalMinimum)) {
            throw new IllegalArgumentException("DIRECT: globalMinimum must be finite or NaN (none), got " + globalMinimum);
        }
        if (!(percentErrorTolerance > 0) || !Double.isFinite(percentErrorTolerance)) {
            throw new IllegalArgumentException("DIRECT: percentErrorTolerance must be finite and > 0, got "
                    + percentErrorTolerance);
        }
        if (!(minRectangleSize >= 0) || !Double.isFinite(minRectangleSize)) {
            throw new IllegalArgumentException("DIRECT: minRectangleSize must be finite and >= 0, got " + minRectangleSize);
        }
    }

    /** Jones's DIRECT with ε = 1e-4, stopping only when {@code maxEvaluations} is spent. */
    public static DirectOptions budget(int maxEvaluations) {
        return new DirectOptions(DirectVariant.ORIGINAL, maxEvaluations, JONES_EPSILON, Double.NaN,
                STANDARD_PERCENT_ERROR, 0.0);
    }

    public DirectOptions withVariant(DirectVariant newVariant) {
        return new DirectOptions(newVariant, maxEvaluations, epsilon, globalMinimum, percentErrorTolerance,
                minRectangleSize);
    }

    /** The same settings with DIRECT-L's selection rule. */
    public DirectOptions locallyBiased() {
        return withVariant(DirectVariant.LOCALLY_BIASED);
    }

    public DirectOptions withEpsilon(double newEpsilon) {
        return new DirectOptions(variant, maxEvaluations, newEpsilon, globalMinimum, percentErrorTolerance,
                minRectangleSize);
    }

    /** Stop once the percent error against the known {@code fGlobal} is below {@code percentError}. */
    public DirectOptions stopWithinPercentOf(double fGlobal, double percentError) {
        if (!Double.isFinite(fGlobal)) {
            throw new IllegalArgumentException("DIRECT: the known global minimum must be finite, got " + fGlobal);
        }
        return new DirectOptions(variant, maxEvaluations, epsilon, fGlobal, percentError, minRectangleSize);
    }

    /** Stop once the best point's rectangle is smaller than {@code size} (centre-to-vertex, unit cube). */
    public DirectOptions stopBelowRectangleSize(double size) {
        return new DirectOptions(variant, maxEvaluations, epsilon, globalMinimum, percentErrorTolerance, size);
    }

    boolean reachedTarget(double bestValue) {
        if (Double.isNaN(globalMinimum) || !Double.isFinite(bestValue)) {
            return false;
        }
        double percentError = globalMinimum == 0
                ? 100 * bestValue
                : 100 * (bestValue - globalMinimum) / Math.abs(globalMinimum);
        return percentError < percentErrorTolerance;
    }
}
