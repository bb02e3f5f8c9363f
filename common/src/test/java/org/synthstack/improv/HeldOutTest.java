package org.synthstack.improv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldOutTest {
  private static final FeatureSet ONE = new FeatureSet(List.of("SpectralCentroid"));

  /** Performance p: every frame's feature is p, frames 10 ms apart. */
  private static Performance constant(int p, int frames) {
    double[] time = new double[frames];
    double[] value = new double[frames];
    for (int t = 0; t < frames; t++) {
      time[t] = 10.0 * t;
      value[t] = p;
    }
    return new Performance("p" + p, ONE, time, new double[][] {value});
  }

  @Test
  void segmentsLieInTheValidationSplitAndInsideOnePerformance() {
    List<Performance> corpus = new ArrayList<>();
    for (int p = 0; p < 6; p++) {
      corpus.add(constant(p, 120 + 30 * p));
    }
    MinMaxNormaliser normaliser = MinMaxNormaliser.fit(corpus);
    TrainingWindows windows = TrainingWindows.of(corpus, normaliser, 20, 0.3);
    int firstValidationStep = windows.windowStart(windows.trainCount());
    List<HeldOut.Segment> segments = HeldOut.segments(windows, 15, 25, 5);
    assertThat(segments).hasSize(5);
    for (HeldOut.Segment s : segments) {
      assertThat(s.firstStep()).isGreaterThanOrEqualTo(firstValidationStep);
      assertThat(s.prime()).hasNumberOfRows(15);
      assertThat(s.truth()).hasNumberOfRows(25);
      float performance = s.prime()[0][1];
      for (float[] step : s.prime()) {
        assertThat(step[1]).isEqualTo(performance);
        assertThat((double) step[0]).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-6));
      }
      for (float[] step : s.truth()) {
        assertThat(step[1]).isEqualTo(performance);
      }
      // The truth is what followed the prime in the corpus.
      assertThat(s.truth()[0]).containsExactly(windows.step(s.firstStep() + 15));
      // A constant stretch echoes itself perfectly.
      Resemblance.Score echo = HeldOut.echo(s, 1);
      assertThat(echo.meanFeatureDistance()).isZero();
      assertThat(echo.dtMeanErrorMs()).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-9));
    }
    // Spread over the split: not all from one place.
    assertThat(segments.stream().map(s -> s.prime()[0][1]).distinct().count()).isGreaterThan(1);
  }

  @Test
  void noRoomGivesNoSegments() {
    List<Performance> corpus = List.of(constant(0, 80), constant(1, 80));
    TrainingWindows windows = TrainingWindows.of(corpus, MinMaxNormaliser.fit(corpus), 20, 0.1);
    assertThat(HeldOut.segments(windows, 50, 50, 3)).isEmpty();
  }

  @Test
  void modelUnitsAreScaledBackAndClamped() {
    float[][] steps = {{0.2f, 12f}, {-0.1f, -3f}};
    assertThat(HeldOut.dtMs(steps)).containsExactly(new double[] {20, 10}, org.assertj.core.api.Assertions.within(1e-5));
    assertThat(HeldOut.normalised(steps, 1)[0]).containsExactly(1.0, 0.0);
  }
}
