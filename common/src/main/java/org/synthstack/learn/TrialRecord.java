package org.synthstack.learn;

/**
 * One trial of a hyperparameter search.
 *
 * @param index 0-based, in evaluation order
 * @param batch the batch (optimiser iteration) it ran in
 * @param point its coordinates in the unit cube of {@link SearchSpace}
 * @param loss test MSE; NaN when it failed
 * @param failed training diverged (non-finite loss) or threw
 * @param message why it failed, or empty
 * @param seconds training time
 */
public record TrialRecord(String strategy, int index, int batch, double[] point, Hyperparameters hyperparameters,
    double loss, boolean failed, String message, double seconds) {}
