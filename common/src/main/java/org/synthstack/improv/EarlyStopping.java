package org.synthstack.improv;

/**
 * Keras's {@code EarlyStopping(monitor='val_loss', patience=p, min_delta=0)}: an epoch improves if its loss is strictly
 * below the best so far (NaN never improves); training stops once {@code patience} epochs in a row have not improved.
 */
public final class EarlyStopping {
  private final int patience;
  private double best = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private int epochs;
  private int sinceBest;

  public EarlyStopping(int patience) {
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be positive: " + patience);
    }
    this.patience = patience;
  }

  /**
   * Records the next epoch's loss.
   *
   * @return true if this epoch is the new best
   */
  public boolean record(double loss) {
    epochs++;
    if (loss < best) {
      best = loss;
      bestEpoch = epochs;
      sinceBest = 0;
      return true;
    }
    sinceBest++;
    return false;
  }

  /** True once {@code patience} epochs in a row failed to improve. */
  public boolean shouldStop() {
    return sinceBest >= patience;
  }

  /** The best loss so far, +∞ before any finite one. */
  public double best() {
    return best;
  }

  /** The 1-based epoch of the best loss, 0 if none. */
  public int bestEpoch() {
    return bestEpoch;
  }
}
