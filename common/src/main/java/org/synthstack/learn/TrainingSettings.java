package org.synthstack.learn;

/**
 * How an autoencoder is trained: MSE, mini-batches shuffled every epoch from {@code seed}.
 *
 * @param optimizer Adam or SGD
 * @param learningRate the optimizer's step size
 * @param l2 weight decay λ (0: none)
 * @param epochs passes over the training spectra (the paper: 20 per trial)
 * @param batchSize spectra per step
 * @param seed shuffling and dropout masks
 */
public record TrainingSettings(OptimizerKind optimizer, double learningRate, double l2, int epochs, int batchSize,
    long seed) implements java.io.Serializable {
  public TrainingSettings {
    if (optimizer == null) {
      throw new IllegalArgumentException("optimizer must be ADAM or SGD");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive: " + learningRate);
    }
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be non-negative: " + l2);
    }
    if (epochs < 1 || batchSize < 1) {
      throw new IllegalArgumentException("epochs and batchSize must be positive: " + epochs + ", " + batchSize);
    }
  }
}
