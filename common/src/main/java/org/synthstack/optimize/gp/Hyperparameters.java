package org.synthstack.optimize.gp;

import java.util.Arrays;

/**
 * GP hyperparameters: {@code cov(y_i, y_j) = s²·r(x_i, x_j) + σ_n²·δ_ij} with a constant mean that is
 * estimated (generalised least squares) from the data, not a hyperparameter.
 *
 * @param signalVariance s², objective units squared, &gt; 0
 * @param lengthScales one ℓ_d &gt; 0 per input dimension, in the model's input units
 * @param noiseVariance σ_n² ≥ 0, objective units squared (the nugget)
 */
public record Hyperparameters(double signalVariance, double[] lengthScales, double noiseVariance) {

    public Hyperparameters {
        if (!(signalVariance > 0) || !Double.isFinite(signalVariance)) {
            throw new IllegalArgumentException("signal variance must be positive and finite, got " + signalVariance);
        }
        if (!(noiseVariance >= 0) || !Double.isFinite(noiseVariance)) {
            throw new IllegalArgumentException("noise variance must be >= 0 and finite, got " + noiseVariance);
        }
        lengthScales = lengthScales.clone();
        for (int d = 0; d < lengthScales.length; d++) {
            if (!(lengthScales[d] > 0) || !Double.isFinite(lengthScales[d])) {
                throw new IllegalArgumentException("length-scale of dimension " + d
                        + " must be positive and finite, got " + lengthScales[d]);
            }
        }
    }

    @Override
    public double[] lengthScales() {
        return lengthScales.clone();
    }

    public double lengthScale(int d) {
        return lengthScales[d];
    }

    public int dimension() {
        return lengthScales.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hyperparameters h && Double.compare(signalVariance, h.signalVariance) == 0
                && Arrays.equals(lengthScales, h.lengthScales) && Double.compare(noiseVariance, h.noiseVariance) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(signalVariance) + Arrays.hashCode(lengthScales))
                + Double.hashCode(noiseVariance);
    }

    @Override
    public String toString() {
        return "Hyperparameters[s²=" + signalVariance + ", ℓ=" + Arrays.toString(lengthScales) + ", σn²="
                + noiseVariance + "]";
    }
}
