package org.synthstack.optimize.gp;

/**
 * A Gaussian predictive distribution of the latent function (noise excluded).
 *
 * @param mean predictive mean, objective units
 * @param variance predictive variance, objective units squared, ≥ 0
 */
public record Prediction(double mean, double variance) {

    public double standardDeviation() {
        return Math.sqrt(variance);
    }
}
