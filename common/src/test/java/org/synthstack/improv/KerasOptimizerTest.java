package org.synthstack.improv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer against Keras's update rules, computed here in double precision from the formulas (domain notes
 * §5), step by step. The loss L(w) = Σ s_i (w_i − c_i)² gives gradient 2 s_i (w_i − c_i): the reference recomputes
 * it from its own weights, so a gradient the optimizer forgot to zero (accumulating across steps) shows up at step 2.
 */
class KerasOptimizerTest {
  private static final float[] W0 = {1.0f, -2.0f, 0.5f, 3.0f};
  private static final double[] SCALE = {1.0, 0.5, 4.0, 0.01};
  private static final double[] CENTRE = {0.0, 1.0, -0.25, 2.0};
  private static final int STEPS = 6;

  private static Engine engine;
  private static NDManager manager;

  @BeforeAll
  static void engine() {
    engine = DjlRuntime.pytorch();
    manager = engine.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private static double[] gradient(double[] w) {
    double[] g = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      g[i] = 2 * SCALE[i] * (w[i] - CENTRE[i]);
    }
    return g;
  }

  /** Runs the DJL optimizer for {@link #STEPS} steps and returns the weights after each. */
  private static float[][] run(Optimizer optimizer) {
    NDArray w = manager.create(W0.clone());
    w.setRequiresGradient(true);
    NDArray scale = manager.create(new float[] {(float) SCALE[0], (float) SCALE[1], (float) SCALE[2],
        (float) SCALE[3]});
    NDArray centre = manager.create(new float[] {(float) CENTRE[0], (float) CENTRE[1], (float) CENTRE[2],
        (float) CENTRE[3]});
    float[][] trajectory = new float[STEPS][];
    for (int t = 0; t < STEPS; t++) {
      try (GradientCollector collector = engine.newGradientCollector()) {
        NDArray loss = w.sub(centre).square().mul(scale).sum();
        collector.backward(loss);
      }
      // As DJL's LocalParameterServer does: the optimizer gets a copy of the gradient.
      try (NDArray grad = w.getGradient().duplicate()) {
        optimizer.update("w", w, grad);
      }
      trajectory[t] = w.toFloatArray();
    }
    return trajectory;
  }

  /** The same steps with a double-precision Keras reference: {@code update} maps (w, g, t) in place. */
  interface Reference {
    void step(double[] w, double[] g, int t);
  }

  private static void assertFollows(Optimizer optimizer, Reference reference) {
    float[][] actual = run(optimizer);
    double[] w = new double[W0.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = W0[i];
    }
    for (int t = 1; t <= STEPS; t++) {
      reference.step(w, gradient(w), t);
      for (int i = 0; i < w.length; i++) {
        assertThat((double) actual[t - 1][i]).as("step %d, weight %d", t, i)
            .isCloseTo(w[i], within(2e-6 * Math.max(1, Math.abs(w[i]))));
      }
    }
  }

  private static Reference kerasAdam(double lr) {
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-7;
    double[] m = new double[W0.length];
    double[] v = new double[W0.length];
    return (w, g, t) -> {
      double lrT = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
      for (int i = 0; i < w.length; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + eps);
      }
    };
  }

  private static Reference kerasNadam(double lr) {
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-7;
    double[] m = new double[W0.length];
    double[] v = new double[W0.length];
    double[] schedule = {1};
    return (w, g, t) -> {
      double muT = b1 * (1 - 0.5 * Math.pow(0.96, 0.004 * t));
      double muNext = b1 * (1 - 0.5 * Math.pow(0.96, 0.004 * (t + 1)));
      schedule[0] *= muT;
      for (int i = 0; i < w.length; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        double gHat = g[i] / (1 - schedule[0]);
        double mHat = m[i] / (1 - schedule[0] * muNext);
        double vHat = v[i] / (1 - Math.pow(b2, t));
        double mBar = (1 - muT) * gHat + muNext * mHat;
        w[i] -= lr * mBar / (Math.sqrt(vHat) + eps);
      }
    };
  }

  private static Reference kerasSgd(double lr, double decay, double momentum, boolean nesterov) {
    double[] a = new double[W0.length];
    return (w, g, t) -> {
      double lrT = lr / (1 + decay * (t - 1));
      for (int i = 0; i < w.length; i++) {
        if (momentum == 0) {
          w[i] -= lrT * g[i];
        } else {
          a[i] = momentum * a[i] - lrT * g[i];
          w[i] += nesterov ? momentum * a[i] - lrT * g[i] : a[i];
        }
      }
    };
  }

  @Test
  void adamFollowsKeras() {
    assertFollows(OptimizerSpec.Adam.of(0.001).create(), kerasAdam(0.001));
    assertFollows(OptimizerSpec.Adam.of(0.05).create(), kerasAdam(0.05));
  }

  @Test
  void adamsFirstStepIsAlmostLearningRateTimesSignWithKerasEpsilon() {
    // Step 1: m = 0.1 g, v = 0.001 g², lr_t = lr √0.001 / 0.1, so Δw = lr · √0.001·|g| / (√0.001·|g| + 1e-7) · sign g.
    // Weight 0: g = 2, so Δw = 0.001 · 0.0632455532 / 0.0632456532 = 0.000999998419.
    float[][] steps = run(OptimizerSpec.Adam.of(0.001).create());
    assertThat((double) steps[0][0]).isCloseTo(1 - 0.000999998419, within(1e-7));
  }

  @Test
  void nadamFollowsKeras() {
    assertFollows(OptimizerSpec.Nadam.of(0.001).create(), kerasNadam(0.001));
    assertFollows(OptimizerSpec.Nadam.of(0.02).create(), kerasNadam(0.02));
  }

  @Test
  void sgdFollowsKerasWithDecayMomentumAndNesterov() {
    assertFollows(new OptimizerSpec.Sgd(0.1, 0, 0, false).create(), kerasSgd(0.1, 0, 0, false));
    assertFollows(new OptimizerSpec.Sgd(0.1, 0.5, 0, false).create(), kerasSgd(0.1, 0.5, 0, false));
    assertFollows(new OptimizerSpec.Sgd(0.1, 0, 0.9, false).create(), kerasSgd(0.1, 0, 0.9, false));
    assertFollows(new OptimizerSpec.Sgd(0.1, 0, 0.9, true).create(), kerasSgd(0.1, 0, 0.9, true));
    assertFollows(new OptimizerSpec.Sgd(0.01, 0.01 / 130, 0.8, true).create(), kerasSgd(0.01, 0.01 / 130, 0.8, true));
  }

  @Test
  void sgdMomentumByHand() {
    // Weight 0 alone: g = 2w, lr 0.1.
    // Momentum 0.9:  a₁ = −0.2, w₁ = 0.8;  g₁ = 1.6, a₂ = −0.18 − 0.16 = −0.34, w₂ = 0.46.
    float[][] classical = run(new OptimizerSpec.Sgd(0.1, 0, 0.9, false).create());
    assertThat((double) classical[0][0]).isCloseTo(0.8, within(1e-6));
    assertThat((double) classical[1][0]).isCloseTo(0.46, within(1e-6));
    // Nesterov 0.9:  a₁ = −0.2, w₁ = 1 − 0.18 − 0.2 = 0.62;  g₁ = 1.24, a₂ = −0.18 − 0.124 = −0.304,
    //                w₂ = 0.62 − 0.2736 − 0.124 = 0.2224.
    float[][] nesterov = run(new OptimizerSpec.Sgd(0.1, 0, 0.9, true).create());
    assertThat((double) nesterov[0][0]).isCloseTo(0.62, within(1e-6));
    assertThat((double) nesterov[1][0]).isCloseTo(0.2224, within(1e-6));
    // Decay 0.5, no momentum: lr₁ = 0.1, lr₂ = 0.1/1.5;  w₁ = 0.8, w₂ = 0.8 − 1.6/15 = 0.693333.
    float[][] decayed = run(new OptimizerSpec.Sgd(0.1, 0.5, 0, false).create());
    assertThat((double) decayed[0][0]).isCloseTo(0.8, within(1e-6));
    assertThat((double) decayed[1][0]).isCloseTo(0.8 - 1.6 / 15, within(1e-6));
  }

  @Test
  void everyUpdateLeavesTheGradientZeroed() {
    NDArray w = manager.create(new float[] {1f, 2f});
    w.setRequiresGradient(true);
    for (OptimizerSpec spec : OptimizerSpec.tableOne()) {
      Optimizer optimizer = spec.create();
      try (GradientCollector collector = engine.newGradientCollector()) {
        collector.backward(w.square().sum());
      }
      try (NDArray grad = w.getGradient().duplicate()) {
        optimizer.update("w", w, grad);
      }
      assertThat(w.getGradient().toFloatArray()).as(spec.describe()).containsExactly(0f, 0f);
    }
  }

  @Test
  void tableOneHasTheSeedsTenConfigurations() {
    assertThat(OptimizerSpec.tableOne()).hasSize(10);
    assertThat(OptimizerSpec.tableOne().get(4)).isEqualTo(new OptimizerSpec.Sgd(0.01, 0.01 / 130, 0.8, false));
    UnaryOperator<String> name = s -> s;
    assertThat(OptimizerSpec.tableOne().stream().map(OptimizerSpec::name).map(name))
        .containsExactly("Adam", "Adam", "Nadam", "Nadam", "SGD", "SGD", "SGD", "SGD", "SGD", "SGD");
  }
}
