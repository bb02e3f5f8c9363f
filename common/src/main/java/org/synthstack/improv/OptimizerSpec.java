package org.synthstack.improv;

import java.util.List;
import java.util.Locale;

/**
 * An optimizer configuration in Keras's terms (the seed's Table I is written in them), and the DJL optimizer that
 * carries it out. Serializable records, so a Spark job can ship a grid of them to tasks.
 */
public sealed interface OptimizerSpec extends java.io.Serializable
    permits OptimizerSpec.Adam, OptimizerSpec.Nadam, OptimizerSpec.Sgd {

  /** A fresh optimizer (optimizers hold per-parameter state: one per training run). */
  KerasOptimizer create();

  /** The optimizer's name as Table I writes it: Adam, Nadam or SGD. */
  String name();

  double learningRate();

  /** One line for reports, e.g. {@code SGD lr=0.0005 decay=3.846e-06 momentum=0.8 nesterov=false}. */
  String describe();

  /**
   * Keras Adam.
   *
   * @param epsilon added to √v; Keras's default 1e-7
   */
  record Adam(double learningRate, double beta1, double beta2, double epsilon) implements OptimizerSpec {
    public Adam {
      requirePositive(learningRate, "learningRate");
      requireUnit(beta1, "beta1");
      requireUnit(beta2, "beta2");
      requirePositive(epsilon, "epsilon");
    }

    /** Keras's defaults (β₁ 0.9, β₂ 0.999, ε 1e-7) at learning rate {@code lr} (Keras's default 0.001). */
    public static Adam of(double lr) {
      return new Adam(lr, 0.9, 0.999, 1e-7);
    }

    @Override
    public KerasOptimizer create() {
      return new KerasAdam(this);
    }

    @Override
    public String name() {
      return "Adam";
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "Adam lr=%s", learningRate);
    }
  }

  /** Keras Nadam; {@code scheduleDecay} 0.004 by default. */
  record Nadam(double learningRate, double beta1, double beta2, double epsilon, double scheduleDecay)
      implements OptimizerSpec {
    public Nadam {
      requirePositive(learningRate, "learningRate");
      requireUnit(beta1, "beta1");
      requireUnit(beta2, "beta2");
      requirePositive(epsilon, "epsilon");
      if (!(scheduleDecay >= 0)) {
        throw new IllegalArgumentException("scheduleDecay must be non-negative: " + scheduleDecay);
      }
    }

    /** Keras's defaults (β₁ 0.9, β₂ 0.999, ε 1e-7, schedule decay 0.004) at learning rate {@code lr}. */
    public static Nadam of(double lr) {
      return new Nadam(lr, 0.9, 0.999, 1e-7, 0.004);
    }

    @Override
    public KerasOptimizer create() {
      return new KerasNadam(this);
    }

    @Override
    public String name() {
      return "Nadam";
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "Nadam lr=%s", learningRate);
    }
  }

  /**
   * Keras SGD.
   *
   * @param decay time-based decay per optimizer step (0 = none)
   * @param momentum 0 = none
   * @param nesterov Nesterov momentum (meaningful only with momentum)
   */
  record Sgd(double learningRate, double decay, double momentum, boolean nesterov) implements OptimizerSpec {
    public Sgd {
      requirePositive(learningRate, "learningRate");
      if (!(decay >= 0)) {
        throw new IllegalArgumentException("decay must be non-negative: " + decay);
      }
      if (!(momentum >= 0 && momentum < 1)) {
        throw new IllegalArgumentException("momentum must be in [0, 1): " + momentum);
      }
    }

    @Override
    public KerasOptimizer create() {
      return new KerasSgd(this);
    }

    @Override
    public String name() {
      return "SGD";
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "SGD lr=%s decay=%s momentum=%s nesterov=%s",
          learningRate, decay, momentum, nesterov);
    }
  }

  /** The ten configurations of the seed's Table I, in its order ("0.01/130" is decay = lr/130). */
  static List<OptimizerSpec> tableOne() {
    return List.of(
        Adam.of(0.001),
        Adam.of(0.00005),
        Nadam.of(0.001),
        Nadam.of(0.00005),
        new Sgd(0.01, 0.01 / 130, 0.8, false),
        new Sgd(0.01, 0.01 / 130, 0.8, true),
        new Sgd(0.0005, 0.0005 / 130, 0.8, false),
        new Sgd(0.0005, 0.0005 / 130, 0.8, true),
        new Sgd(0.0005, 0.0005 / 130, 0.9, false),
        new Sgd(0.00005, 0, 0, false));
  }

  private static void requirePositive(double value, String name) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite: " + value);
    }
  }

  private static void requireUnit(double value, String name) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1): " + value);
    }
  }
}
