package org.synthstack.learn;

import java.util.List;

/**
 * Table 9's hyperparameter space, coded in the unit cube [0, 1]⁹ so that EGO (which works on boxes) and random search
 * draw from the same thing.
 *
 * <ul>
 *   <li>Coordinates 0–2, the two-level categoricals (model type, optimizer, extra hidden layer): below ½ is the first
 *       level. A two-level one-hot code has one free coordinate, so this <em>is</em> the one-hot relaxation.
 *   <li>Coordinates 3–6, the ordered categoricals (time steps 10/20, frequency bins 10/30/60, latent 8/16/64, dropout
 *       0/0.1/0.5): k equal intervals, one per level in increasing order. Their levels are ordered, so neighbouring
 *       intervals are neighbouring values and the GP's smoothness assumption is roughly right; a k-wide one-hot
 *       would add 7 coordinates to a 50-trial search.
 *   <li>Coordinates 7–8: log₁₀ of the learning rate in [−4, −1] and of the L2 weight in [−6, −1]. The table says
 *       "uniform" over 1e-4…1e-1 and 1e-6…1e-1; uniform in the value would spend 90% of the trials in the top decade,
 *       so both searches use log-uniform (what Optuna's {@code log=True} does).
 * </ul>
 *
 * Decoding rounds; the GP keeps the continuous point it proposed, so it sees a piecewise-constant objective (the
 * usual relaxation, e.g. Garrido-Merchán and Hernández-Lobato 2020 without their kernel transform).
 */
public final class SearchSpace {
  public static final int DIMENSION = 9;
  static final int[] TIME_STEPS = {10, 20};
  static final int[] FREQUENCY_BINS = {10, 30, 60};
  static final int[] LATENT = {8, 16, 64};
  static final double[] DROPOUT = {0, 0.1, 0.5};
  static final double LOG_LR_MIN = -4;
  static final double LOG_LR_MAX = -1;
  static final double LOG_L2_MIN = -6;
  static final double LOG_L2_MAX = -1;

  /** Names of the coordinates, for reports. */
  public static final List<String> NAMES = List.of("model_type", "optimizer", "hidden_layers", "time_steps",
      "frequency_bins", "latent_size", "dropout", "log10_learning_rate", "log10_regularization");

  private SearchSpace() {}

  public static Hyperparameters decode(double[] u) {
    if (u.length != DIMENSION) {
      throw new IllegalArgumentException("a point of the search space has " + DIMENSION + " coordinates, got "
          + u.length);
    }
    ModelType type = u[0] < 0.5 ? ModelType.CNN : ModelType.FC;
    OptimizerKind optimizer = u[1] < 0.5 ? OptimizerKind.ADAM : OptimizerKind.SGD;
    boolean extraHidden = u[2] >= 0.5;
    int steps = TIME_STEPS[level(u[3], TIME_STEPS.length)];
    int bins = FREQUENCY_BINS[level(u[4], FREQUENCY_BINS.length)];
    int latent = LATENT[level(u[5], LATENT.length)];
    double dropout = DROPOUT[level(u[6], DROPOUT.length)];
    double lr = Math.pow(10, LOG_LR_MIN + clamp(u[7]) * (LOG_LR_MAX - LOG_LR_MIN));
    double l2 = Math.pow(10, LOG_L2_MIN + clamp(u[8]) * (LOG_L2_MAX - LOG_L2_MIN));
    return new Hyperparameters(new AutoencoderSpec(type, extraHidden, latent, bins, steps, dropout), optimizer, lr, l2);
  }

  static int level(double u, int levels) {
    return (int) Math.min(levels - 1, Math.floor(clamp(u) * levels));
  }

  private static double clamp(double u) {
    return u < 0 ? 0 : u > 1 ? 1 : u;
  }
}
