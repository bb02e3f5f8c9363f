package org.synthstack.improv;

/**
 * How {@link MdrnnTrainer} trains: the seed's protocol by default (batch 64, at most 130 epochs, early stopping with
 * patience 20 on the validation loss), and a quick mode that caps the epochs and the batches per epoch.
 *
 * @param optimizer the optimizer configuration
 * @param batchSize windows per batch
 * @param maxEpochs epochs at most
 * @param patience stop after this many epochs without a new lowest validation loss (Keras's EarlyStopping, min_delta
 *     0)
 * @param seed shuffling order (and, through {@link Mdrnn#create}, the caller's initial weights)
 * @param maxTrainBatchesPerEpoch quick mode: train on at most this many batches per epoch, 0 = all
 * @param maxValidationBatches quick mode: validate on at most this many batches (the first ones of the validation
 *     split), 0 = all
 */
public record TrainingConfig(
    OptimizerSpec optimizer,
    int batchSize,
    int maxEpochs,
    int patience,
    long seed,
    int maxTrainBatchesPerEpoch,
    int maxValidationBatches) {

  public static final int DEFAULT_BATCH = 64;
  public static final int DEFAULT_MAX_EPOCHS = 130;
  public static final int DEFAULT_PATIENCE = 20;

  public TrainingConfig {
    if (optimizer == null) {
      throw new IllegalArgumentException("optimizer is required");
    }
    if (batchSize < 1 || maxEpochs < 1 || patience < 1) {
      throw new IllegalArgumentException("batch size, epochs and patience must be positive");
    }
    if (maxTrainBatchesPerEpoch < 0 || maxValidationBatches < 0) {
      throw new IllegalArgumentException("batch caps must be non-negative (0 = no cap)");
    }
  }

  /** The seed's protocol: batch 64, ≤ 130 epochs, patience 20, every window every epoch. */
  public static TrainingConfig standard(OptimizerSpec optimizer, long seed) {
    return new TrainingConfig(optimizer, DEFAULT_BATCH, DEFAULT_MAX_EPOCHS, DEFAULT_PATIENCE, seed, 0, 0);
  }

  /**
   * This protocol shortened: at most {@code epochs} epochs (patience capped to match), each training on at most
   * {@code batchesPerEpoch} batches of the shuffled training windows and validating on at most as many batches of the
   * validation windows (the first ones, in order).
   */
  public TrainingConfig quick(int epochs, int batchesPerEpoch) {
    return new TrainingConfig(optimizer, batchSize, epochs, Math.min(patience, epochs), seed, batchesPerEpoch,
        batchesPerEpoch);
  }
}
