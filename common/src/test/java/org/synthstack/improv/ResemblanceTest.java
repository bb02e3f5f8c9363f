package org.synthstack.improv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The resemblance score against closed forms. */
class ResemblanceTest {

  @Test
  void identicalSequencesAreAtDistanceZero() {
    SplittableRandom random = new SplittableRandom(1);
    double[][] values = new double[3][40];
    double[] dt = new double[40];
    for (int t = 0; t < 40; t++) {
      for (int f = 0; f < 3; f++) {
        values[f][t] = random.nextDouble();
      }
      dt[t] = 5 + 10 * random.nextDouble();
    }
    Resemblance.Score s = Resemblance.score(values, dt, values, dt);
    assertThat(s.featureDistance()).containsOnly(0.0);
    assertThat(s.meanFeatureDistance()).isZero();
    assertThat(s.resemblance()).isEqualTo(1.0);
    assertThat(s.dtMeanErrorMs()).isZero();
    assertThat(s.dtSdErrorMs()).isZero();
    assertThat(s.dtDistanceMs()).isZero();
  }

  @Test
  void aShiftedDistributionIsAtTheShift() {
    SplittableRandom random = new SplittableRandom(2);
    double[] a = new double[100];
    double[] b = new double[100];
    for (int i = 0; i < a.length; i++) {
      a[i] = 0.5 * random.nextDouble();
      b[i] = a[i] + 0.25;
    }
    assertThat(Resemblance.wasserstein1(a, b)).isCloseTo(0.25, within(1e-12));
    assertThat(Resemblance.wasserstein1(b, a)).isCloseTo(0.25, within(1e-12));
    // Order does not matter: a distribution, not a sequence.
    double[] reversed = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      reversed[i] = b[b.length - 1 - i];
    }
    assertThat(Resemblance.wasserstein1(a, reversed)).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void samplesOfDifferentSizesFollowTheirCdfs() {
    // Same distribution, different sample sizes.
    assertThat(Resemblance.wasserstein1(new double[] {0, 1}, new double[] {0, 0, 1, 1})).isZero();
    // Half the mass moves by 1.
    assertThat(Resemblance.wasserstein1(new double[] {0}, new double[] {0, 1})).isCloseTo(0.5, within(1e-15));
    // Three quarters of the mass moves by 1.
    assertThat(Resemblance.wasserstein1(new double[] {0, 0, 0, 1}, new double[] {1})).isCloseTo(0.75, within(1e-15));
    // All mass at 0 against all mass at 1: the largest distance on [0, 1].
    assertThat(Resemblance.wasserstein1(new double[] {0, 0}, new double[] {1, 1, 1})).isCloseTo(1.0, within(1e-15));
    // Uniform grid {0, 1/4, ..., 1} against a point mass at 1/2: mean |x - 1/2| = (1/2 + 1/4 + 0 + 1/4 + 1/2)/5.
    assertThat(Resemblance.wasserstein1(new double[] {0, 0.25, 0.5, 0.75, 1}, new double[] {0.5}))
        .isCloseTo(0.3, within(1e-15));
  }

  @Test
  void timingErrorsAreTheDifferencesOfMeanAndSpread() {
    double[][] features = {{0.2, 0.4}};
    // True Δt 10 and 20 ms (mean 15, sd 5); generated both 15 ms (mean 15, sd 0): W1 = mean |x - 15| = 5.
    Resemblance.Score s = Resemblance.score(features, new double[] {10, 20}, features, new double[] {15, 15});
    assertThat(s.dtMeanErrorMs()).isCloseTo(0, within(1e-12));
    assertThat(s.dtSdErrorMs()).isCloseTo(5, within(1e-12));
    assertThat(s.dtDistanceMs()).isCloseTo(5, within(1e-12));
    // "Densely packed": every generated Δt 4 ms against a true 10 ms.
    Resemblance.Score packed =
        Resemblance.score(features, new double[] {10, 10, 10}, features, new double[] {4, 4, 4, 4});
    assertThat(packed.dtMeanErrorMs()).isCloseTo(6, within(1e-12));
    assertThat(packed.dtDistanceMs()).isCloseTo(6, within(1e-12));
  }

  @Test
  void featureDistancesAverageAndMeansAverage() {
    double[][] truth = {{0, 0}, {0.5, 0.5}};
    double[][] generated = {{0.1, 0.1}, {0.9, 0.9}};
    Resemblance.Score s = Resemblance.score(truth, new double[] {1, 1}, generated, new double[] {1, 1});
    assertThat(s.featureDistance()[0]).isCloseTo(0.1, within(1e-12));
    assertThat(s.featureDistance()[1]).isCloseTo(0.4, within(1e-12));
    assertThat(s.meanFeatureDistance()).isCloseTo(0.25, within(1e-12));
    assertThat(s.resemblance()).isCloseTo(0.75, within(1e-12));
    Resemblance.Score zero = Resemblance.score(truth, new double[] {1, 1}, truth, new double[] {3, 3});
    Resemblance.Score mean = Resemblance.Score.mean(List.of(s, zero));
    assertThat(mean.meanFeatureDistance()).isCloseTo(0.125, within(1e-12));
    assertThat(mean.featureDistance()[1]).isCloseTo(0.2, within(1e-12));
    assertThat(mean.dtMeanErrorMs()).isCloseTo(1, within(1e-12));
  }

  @Test
  void emptyOrNaNSamplesAreRefused() {
    assertThatThrownBy(() -> Resemblance.wasserstein1(new double[0], new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Resemblance.wasserstein1(new double[] {Double.NaN}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
