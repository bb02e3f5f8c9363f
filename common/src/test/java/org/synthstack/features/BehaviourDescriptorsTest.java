package org.synthstack.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BehaviourDescriptorsTest {
  private static final int SR = 48_000;
  private final BehaviourDescriptors descriptors = new BehaviourDescriptors();

  private static double[] decayingSine(double hz, double tau) {
    double[] x = new double[SR];
    for (int n = 0; n < SR; n++) {
      x[n] = Math.sin(2 * Math.PI * hz * n / SR) * Math.exp(-n / (tau * SR));
    }
    return x;
  }

  @Test
  void aSineHasItsFrequencyAsCentroidAndNoNoise() {
    double[] d = descriptors.compute(decayingSine(1000, 10));
    assertThat(d[BehaviourDescriptors.CENTROID]).isCloseTo(1000, within(10.0));
    assertThat(d[BehaviourDescriptors.NOISINESS]).isLessThan(0.01);
    assertThat(descriptors.compute(decayingSine(250, 10))[BehaviourDescriptors.CENTROID])
        .isCloseTo(250, within(5.0));
  }

  @Test
  void whiteNoiseScoresOneAndCentresInTheBand() {
    Random rng = new Random(5);
    double[] x = new double[SR];
    for (int n = 0; n < SR; n++) {
      x[n] = rng.nextGaussian() * 0.1;
    }
    double[] d = descriptors.compute(x);
    // The periodogram of white noise has flatness e^-gamma on average; the descriptor divides it out.
    assertThat(d[BehaviourDescriptors.NOISINESS]).isCloseTo(1.0, within(0.03));
    // A flat spectrum over 80 Hz .. 15 kHz: its mean frequency is the middle.
    assertThat(d[BehaviourDescriptors.CENTROID]).isCloseTo((80 + 15_000) / 2.0, within(100.0));
    // A steady sound rings from its loudest frame to the end of the buffer.
    assertThat(d[BehaviourDescriptors.DECAY]).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
  }

  @Test
  void anExponentialDecayLastsAbout3Point45TimeConstants() {
    // Power falls as exp(-2t / tau): 30 dB below the peak at t = 1.5 ln(10) tau = 3.454 tau.
    for (double tau : new double[] {0.02, 0.05, 0.1, 0.2}) {
      double decay = descriptors.compute(decayingSine(440, tau))[BehaviourDescriptors.DECAY];
      assertThat(decay).as("tau %s", tau).isCloseTo(1.5 * Math.log(10) * tau, within(0.011));
    }
  }

  @Test
  void silenceHasNoDescriptors() {
    double[] d = descriptors.compute(new double[SR]);
    assertThat(d).containsOnly(Double.NaN);
    assertThat(descriptors.compute(new double[100], 100)).containsOnly(Double.NaN);
  }
}
