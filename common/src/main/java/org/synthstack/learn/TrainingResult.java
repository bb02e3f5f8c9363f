package org.synthstack.learn;

/**
 * One training run.
 *
 * @param trainLoss mean training MSE per completed epoch (with dropout active)
 * @param testLoss MSE on the held-out spectra after the last epoch, at inference; NaN if training diverged
 * @param diverged a non-finite loss stopped the run
 * @param seconds wall time of training and evaluation
 */
public record TrainingResult(double[] trainLoss, double testLoss, boolean diverged, double seconds) {}
