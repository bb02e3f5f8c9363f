package org.synthstack.improv;

/**
 * What a training run did.
 *
 * @param trainLoss mean training loss of each epoch (per row, as the loss is defined)
 * @param validationLoss mean validation loss after each epoch
 * @param bestEpoch the 1-based epoch with the lowest validation loss (its weights are the model's at the end)
 * @param bestValidationLoss that loss
 * @param stoppedEarly true if training ended before the epoch cap (patience ran out, or it diverged)
 * @param diverged true if a training batch's loss was not finite, which ends training at once (Keras's TerminateOnNaN)
 * @param windowsTrained training windows processed (forward and backward), all epochs together
 * @param trainSeconds wall time spent in training batches (validation excluded), s
 */
public record TrainingHistory(
    double[] trainLoss,
    double[] validationLoss,
    int bestEpoch,
    double bestValidationLoss,
    boolean stoppedEarly,
    boolean diverged,
    long windowsTrained,
    double trainSeconds) {

  public int epochs() {
    return trainLoss.length;
  }

  /** Training throughput, windows per second. */
  public double windowsPerSecond() {
    return trainSeconds > 0 ? windowsTrained / trainSeconds : 0;
  }
}
