package org.synthstack.optimize.numeric;

import java.util.Arrays;

/**
 * Box-constrained quasi-Newton minimisation: BFGS on the inverse Hessian, restricted to the free
 * variables, with a projected backtracking (Armijo) line search.
 *
 * <p>A variable is held at a bound while the gradient pushes it outwards. The curvature learned with
 * a different set of held variables does not describe the reduced problem, so the inverse Hessian is
 * reset whenever that set changes; a step that is not a descent direction, or a line search that
 * fails, resets it too, and a failure right after a reset ends the search. Infeasible points (non-finite f) make the line search back off.
 * Meant for the small, cheap sub-problems of the surrogate optimisers: hyperparameter fitting, the
 * acquisition function and the predicted mean.
 */
public final class BoundedQuasiNewton {
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 40;

    private final int maxIterations;
    private final double gradientTolerance;
    private final double relativeValueTolerance;

    /**
     * @param maxIterations cap on quasi-Newton iterations
     * @param gradientTolerance stop when the largest projected-gradient component is below this
     * @param relativeValueTolerance stop when an iteration improves f by less than this times
     *     {@code 1 + |f|}
     */
    public BoundedQuasiNewton(int maxIterations, double gradientTolerance, double relativeValueTolerance) {
        if (maxIterations < 1 || !(gradientTolerance >= 0) || !(relativeValueTolerance >= 0)) {
            throw new IllegalArgumentException("invalid settings: maxIterations " + maxIterations
                    + ", gradientTolerance " + gradientTolerance + ", relativeValueTolerance " + relativeValueTolerance);
        }
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
        this.relativeValueTolerance = relativeValueTolerance;
    }

    /**
     * Minimises f over {@code [lower, upper]} from {@code start} (clamped into the box). If f is not
     * finite at the start, the clamped start is returned with that value.
     */
    public LocalMinimum minimize(DifferentiableFunction f, double[] start, double[] lower, double[] upper) {
        int n = start.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = clamp(start[i], lower[i], upper[i]);
        }
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        if (!Double.isFinite(fx)) {
            return new LocalMinimum(x, fx, 0);
        }
        double[] h = identity(n);
        boolean freshHessian = true;
        double[] direction = new double[n];
        double[] trial = new double[n];
        double[] trialGradient = new double[n];
        double[] s = new double[n];
        double[] y = new double[n];
        double[] hy = new double[n];
        boolean[] held = new boolean[n];
        int iteration = 0;
        while (iteration < maxIterations) {
            double projectedGradient = 0;
            boolean heldSetChanged = false;
            for (int i = 0; i < n; i++) {
                boolean nowHeld = (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0);
                heldSetChanged |= nowHeld != held[i];
                held[i] = nowHeld;
                if (!nowHeld) {
                    projectedGradient = Math.max(projectedGradient, Math.abs(g[i]));
                }
            }
            if (projectedGradient <= gradientTolerance) {
                break;
            }
            iteration++;
            if (heldSetChanged && !freshHessian) {
                setIdentity(h, n);
                freshHessian = true;
            }
            double slope = freeDirection(h, g, held, direction);
            if (!(slope < 0)) {
                setIdentity(h, n);
                freshHessian = true;
                slope = freeDirection(h, g, held, direction);
            }
            double step = freshHessian ? Math.min(1.0, 1.0 / maxAbs(direction)) : 1.0;
            double fTrial = Double.NaN;
            boolean accepted = false;
            for (int k = 0; k < MAX_BACKTRACKS; k++) {
                double predicted = 0;
                boolean moved = false;
                for (int i = 0; i < n; i++) {
                    trial[i] = clamp(x[i] + step * direction[i], lower[i], upper[i]);
                    predicted += g[i] * (trial[i] - x[i]);
                    moved |= trial[i] != x[i];
                }
                if (!moved) {
                    break;
                }
                fTrial = f.valueAndGradient(trial, trialGradient);
                if (Double.isFinite(fTrial) && fTrial <= fx + ARMIJO * predicted) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                if (freshHessian) {
                    break;
                }
                setIdentity(h, n);
                freshHessian = true;
                continue;
            }
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                s[i] = trial[i] - x[i];
                y[i] = held[i] ? 0.0 : trialGradient[i] - g[i];
                sy += s[i] * y[i];
                yy += y[i] * y[i];
            }
            double improvement = fx - fTrial;
            System.arraycopy(trial, 0, x, 0, n);
            System.arraycopy(trialGradient, 0, g, 0, n);
            fx = fTrial;
            if (sy > 1e-12 * Math.sqrt(dot(s, s) * yy)) {
                if (freshHessian) {
                    // Scale the identity to the observed curvature before the first update (Nocedal & Wright 6.20).
                    double scale = sy / yy;
                    for (int i = 0; i < n * n; i++) {
                        h[i] *= scale;
                    }
                }
                bfgsUpdate(h, s, y, sy, hy);
                freshHessian = false;
            }
            if (improvement <= relativeValueTolerance * (1 + Math.abs(fx))) {
                break;
            }
        }
        return new LocalMinimum(x, fx, iteration);
    }

    private static double freeDirection(double[] h, double[] g, boolean[] held, double[] direction) {
        int n = g.length;
        double slope = 0;
        for (int i = 0; i < n; i++) {
            double d = 0;
            if (!held[i]) {
                for (int j = 0; j < n; j++) {
                    if (!held[j]) {
                        d -= h[i * n + j] * g[j];
                    }
                }
            }
            direction[i] = d;
            slope += d * g[i];
        }
        return slope;
    }

    /** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1/(sᵀy). */
    private static void bfgsUpdate(double[] h, double[] s, double[] y, double sy, double[] hy) {
        int n = s.length;
        double rho = 1 / sy;
        double yhy = 0;
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int j = 0; j < n; j++) {
                v += h[i * n + j] * y[j];
            }
            hy[i] = v;
            yhy += y[i] * v;
        }
        double factor = rho * rho * yhy + rho;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i * n + j] += factor * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
            }
        }
    }

    private static double[] identity(int n) {
        double[] h = new double[n * n];
        setIdentity(h, n);
        return h;
    }

    private static void setIdentity(double[] h, int n) {
        Arrays.fill(h, 0.0);
        for (int i = 0; i < n; i++) {
            h[i * n + i] = 1.0;
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m > 0 ? m : 1.0;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }
}
