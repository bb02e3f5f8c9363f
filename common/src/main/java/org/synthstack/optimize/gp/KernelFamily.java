package org.synthstack.optimize.gp;

/**
 * Stationary correlation functions of the scaled squared distance {@code r² = Σ_d ((a_d − b_d)/ℓ_d)²}
 * (automatic relevance determination: one length-scale per input dimension).
 */
public enum KernelFamily {
    /** exp(−r²/2): infinitely smooth sample paths. The only family REGO's Gaussian-input projection integrates in closed form. */
    SQUARED_EXPONENTIAL {
        @Override
        public double correlation(double r2) {
            return Math.exp(-0.5 * r2);
        }

        @Override
        public double slope(double r2) {
            return Math.exp(-0.5 * r2);
        }
    },
    /** (1 + √5 r + 5r²/3)·exp(−√5 r): twice-differentiable sample paths, usually a safer prior for real objectives. */
    MATERN_52 {
        @Override
        public double correlation(double r2) {
            double t = Math.sqrt(5 * r2);
            return (1 + t + t * t / 3) * Math.exp(-t);
        }

        @Override
        public double slope(double r2) {
            double t = Math.sqrt(5 * r2);
            return 5.0 / 3.0 * (1 + t) * Math.exp(-t);
        }
    };

    /** The correlation at scaled squared distance r² (1 at r² = 0). */
    public abstract double correlation(double r2);

    /**
     * {@code −2·d correlation/d r²}, finite at r² = 0. With it, ∂k/∂log ℓ_d = slope·(Δ_d/ℓ_d)² and
     * ∂k/∂a_d = −slope·Δ_d/ℓ_d², where Δ = a − b.
     */
    public abstract double slope(double r2);
}
