package org.synthstack.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PowerSpectrogramTest {
  @Test
  void reflectionPaddingMatchesNumpyReflect() {
    // numpy.pad([0, 1, 2, 3, 4], 6, mode='reflect') -> 2 3 4 3 2 1 | 0 1 2 3 4 | 3 2 1 0 1 2
    int[] expected = {2, 3, 4, 3, 2, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1, 2};
    for (int i = -6; i < 11; i++) {
      assertThat(PowerSpectrogram.reflect(i, 5)).as("index %d", i).isEqualTo(expected[i + 6]);
    }
  }

  @Test
  void frameCountFollowsLibrosaCentring() {
    assertThat(new PowerSpectrogram(2400, 2400, 5333).frames(48_000)).isEqualTo(10);
    assertThat(new PowerSpectrogram(4096, 2823, 2526).frames(48_000)).isEqualTo(20);
  }

  @Test
  void aBinCentredSineConcentratesItsPowerInThatBinWithTheHannWindowGain() {
    int n = 4096;
    int bin = 100;
    double[] x = new double[20_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.cos(2 * Math.PI * bin * i / n);
    }
    PowerSpectrogram stft = new PowerSpectrogram(n, n, 1024);
    double[] power = new double[stft.bins()];
    stft.frame(x, x.length, 5, power);
    // |X[k]| = A * sum(w) / 2 for a cosine of amplitude A at bin k; sum of the periodic Hann window is n / 2.
    double expected = Math.pow(n / 4.0, 2);
    assertThat(power[bin]).isCloseTo(expected, within(expected * 1e-9));
    // Hann leaks into the two neighbouring bins with a quarter of the amplitude, and nowhere else.
    assertThat(power[bin + 1]).isCloseTo(expected / 4, within(expected * 1e-9));
    assertThat(power[bin + 3]).isLessThan(expected * 1e-20);
  }
}
