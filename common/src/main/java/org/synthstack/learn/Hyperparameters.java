package org.synthstack.learn;

import java.io.Serializable;
import java.util.Locale;

/** One point of Table 9's space: the model's shape and how it is trained. */
public record Hyperparameters(AutoencoderSpec spec, OptimizerKind optimizer, double learningRate, double l2)
    implements Serializable {

  /** Table 8's best set (the paper's regularisation "3.25−6" read as 3.25e-6). */
  public static Hyperparameters tableEight() {
    return new Hyperparameters(AutoencoderSpec.tableEight(), OptimizerKind.ADAM, 0.001145, 3.25e-6);
  }

  public TrainingSettings training(int epochs, int batchSize, long seed) {
    return new TrainingSettings(optimizer, learningRate, l2, epochs, batchSize, seed);
  }

  public String describe() {
    return String.format(Locale.ROOT, "%s %s lr=%.3g l2=%.3g", spec.describe(), optimizer, learningRate, l2);
  }
}
