package org.synthstack.improv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingWindowsTest {
  private static final FeatureSet ONE = new FeatureSet(List.of("SpectralCentroid"));

  /** Frames every {@code dtMs}, the feature counting 0, 1, 2, … from {@code first}. */
  private static Performance ramp(String name, int frames, double dtMs, double first) {
    double[] time = new double[frames];
    double[] value = new double[frames];
    for (int t = 0; t < frames; t++) {
      time[t] = t * dtMs;
      value[t] = first + t;
    }
    return new Performance(name, ONE, time, new double[][] {value});
  }

  @Test
  void windowsAreStrideOneRunsOfStepsWithTargetsOneStepAhead() {
    Performance a = ramp("a", 61, 20, 0); // 60 steps → 10 windows of 50 (+1)
    Performance b = ramp("b", 111, 10, 1000); // 110 steps → 60 windows
    MinMaxNormaliser n = new MinMaxNormaliser(ONE, new double[] {0}, new double[] {2000});
    TrainingWindows w = TrainingWindows.of(List.of(a, b), n);
    assertThat(w.dimension()).isEqualTo(2);
    assertThat(w.windowCount()).isEqualTo(70);
    // Keras's validation_split: the first floor(70·0.9) = 63 train, the last 7 validate.
    assertThat(w.trainCount()).isEqualTo(63);
    assertThat(w.validationCount()).isEqualTo(7);

    int[] order = {0, 9, 10};
    float[] x = new float[3 * 50 * 2];
    float[] y = new float[3 * 50 * 2];
    w.fill(order, 0, 3, x, y);
    // Window 0 starts at frame 1 of a (frame 0 has no Δt): Δt = 0.02 s ×10, value 1/2000 ×10.
    assertThat(x[0]).isEqualTo(0.2f);
    assertThat(x[1]).isEqualTo(10f * 1 / 2000);
    assertThat(y[1]).isEqualTo(10f * 2 / 2000);
    // Window 9 is a's last: its final target is a's last frame (60).
    assertThat(y[100 + 49 * 2 + 1]).isEqualTo(10f * 60 / 2000);
    // Window 10 is b's first: Δt 0.01 s, value 1001 — never a step straddling the two performances.
    assertThat(x[200]).isEqualTo(0.1f);
    assertThat(x[201]).isEqualTo(10f * 1001 / 2000);
    for (int i = 0; i < 50 * 2 - 2; i++) {
      assertThat(y[200 + i]).isEqualTo(x[200 + i + 2]);
    }
  }

  @Test
  void shortPerformancesGiveNoWindows() {
    MinMaxNormaliser n = new MinMaxNormaliser(ONE, new double[] {0}, new double[] {1});
    TrainingWindows w = TrainingWindows.of(List.of(ramp("short", 51, 20, 0), ramp("empty", 0, 20, 0)), n);
    assertThat(w.windowCount()).isZero();
    assertThat(TrainingWindows.of(List.of(ramp("just", 52, 20, 0)), n).windowCount()).isEqualTo(1);
  }

  @Test
  void earlyStoppingFollowsKeras() {
    EarlyStopping stopping = new EarlyStopping(2);
    assertThat(stopping.record(5)).isTrue();
    assertThat(stopping.record(4)).isTrue();
    assertThat(stopping.record(4)).isFalse(); // equal is no improvement (min_delta 0)
    assertThat(stopping.shouldStop()).isFalse();
    assertThat(stopping.record(Double.NaN)).isFalse();
    assertThat(stopping.shouldStop()).isTrue();
    assertThat(stopping.bestEpoch()).isEqualTo(2);
    assertThat(stopping.best()).isEqualTo(4);
  }
}
