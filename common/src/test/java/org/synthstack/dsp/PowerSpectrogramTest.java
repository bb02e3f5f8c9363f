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
  void edgeFramesEqualFramesOfAnExplicitlyReflectPaddedSignal() {
    java.util.Random rng = new java.util.Random(3);
    double[] x = new double[3000];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    int fft = 1024;
    PowerSpectrogram stft = new PowerSpectrogram(fft, 1000, 300);
    // The same signal padded by hand as numpy.pad(x, 512, mode='reflect'), analysed without any padding.
    double[] padded = new double[x.length + fft];
    for (int i = 0; i < padded.length; i++) {
      padded[i] = x[PowerSpectrogram.reflect(i - fft / 2, x.length)];
    }
    double[] window = Windows.periodicHann(1000);
    double[] power = new double[stft.bins()];
    for (int t = 0; t < stft.frames(x.length); t++) {
      stft.frame(x, x.length, t, power);
      double[] frame = new double[fft];
      for (int n = 0; n < 1000; n++) {
        frame[12 + n] = padded[t * 300 + 12 + n] * window[n];
      }
      double[] expected = new double[stft.bins()];
      new RealFft(fft).power(frame, expected);
      assertThat(power).as("frame %d", t).containsExactly(expected, within(1e-9));
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
