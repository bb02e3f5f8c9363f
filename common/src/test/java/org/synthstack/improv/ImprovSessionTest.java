package org.synthstack.improv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImprovSessionTest {
  private static final FeatureSet TWO = new FeatureSet(List.of("SpectralCentroid", "SpectralSpread"));
  private static final MinMaxNormaliser NORMALISER =
      new MinMaxNormaliser(TWO, new double[] {100, 10}, new double[] {5000, 800});

  @Test
  void liveInputIsGuardedAndContinuationsAreCumulativeAndInRange() {
    try (Mdrnn model = Mdrnn.create(ModelSize.XS, NORMALISER, 3);
        ImprovSession session = new ImprovSession(model, new ImprovSession.Settings(1, 0.01, 5, 0.5))) {
      assertThatThrownBy(() -> session.continuation(3, "x")).isInstanceOf(IllegalStateException.class);
      session.observe(0, new float[] {1000, 100});
      session.observe(0.02, new float[] {9000, 100}); // centroid above the corpus's max: clamped
      session.observe(3.0, new float[] {1000, 5});    // a pause (capped) and a spread below the min (clamped)
      assertThat(session.observed()).isEqualTo(3);
      assertThat(session.clampedFrames()).isEqualTo(2);
      assertThat(session.cappedDt()).isEqualTo(1);

      double[] next = new double[2];
      double dt = session.predictNext(next);
      assertThat(dt).isGreaterThanOrEqualTo(0);
      assertThat(next[0]).isBetween(100.0, 5000.0);
      assertThat(next[1]).isBetween(10.0, 800.0);

      Performance continuation = session.continuation(25, "c");
      assertThat(continuation.frames()).isEqualTo(25);
      assertThat(continuation.features()).isEqualTo(TWO);
      double previous = 0;
      for (int t = 0; t < 25; t++) {
        assertThat(continuation.timeMs()[t]).isGreaterThanOrEqualTo(previous);
        previous = continuation.timeMs()[t];
        assertThat(continuation.columns()[0][t]).isBetween(100.0, 5000.0);
        assertThat(continuation.columns()[1][t]).isBetween(10.0, 800.0);
      }
      assertThatThrownBy(() -> session.observe(0, new float[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theSameSeedGivesTheSameContinuation() {
    try (Mdrnn model = Mdrnn.create(ModelSize.XS, NORMALISER, 4)) {
      double[][] first = null;
      for (int run = 0; run < 2; run++) {
        try (ImprovSession session = new ImprovSession(model, new ImprovSession.Settings(1, 0.01, 9, 1))) {
          session.observe(0, new float[] {2000, 300});
          session.observe(0.01, new float[] {2100, 320});
          Performance c = session.continuation(10, "c");
          if (first == null) {
            first = c.columns();
          } else {
            assertThat(c.columns()[0]).containsExactly(first[0]);
            assertThat(c.columns()[1]).containsExactly(first[1]);
          }
        }
      }
    }
  }
}
