package org.synthstack.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StftTest {

  private static double[] randomSignal(int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[length];
    for (int i = 0; i < length; i++) {
      x[i] = random.nextGaussian();
    }
    return x;
  }

  private static double maxAbsDifference(double[] a, double[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  @ParameterizedTest(name = "sqrt-Hann frame {0}, hop {1}, length {2}")
  @CsvSource({
    "512, 256, 48000", // 50 % overlap, the noise reducer's default at 16 kHz
    "512, 128, 48000", // 75 %: the dual window is no longer the analysis window
    "512, 256, 1000", // length not a multiple of the hop
    "512, 256, 1", // shorter than one frame
    "64, 48, 777", // hop does not divide the frame
  })
  void analysisThenSynthesisReconstructsTheSignal(int frameLength, int hop, int length) {
    Stft stft = Stft.sqrtHann(frameLength, hop);
    double[] x = randomSignal(length, 7);

    double[] y = stft.synthesize(stft.analyze(x), length);

    assertThat(maxAbsDifference(x, y)).isLessThan(1e-12);
  }

  @Test
  void refusesAWindowThatLosesSamples() {
    // sqrt-Hann without overlap is zero at each frame start: those samples could never be reconstructed.
    assertThatThrownBy(() -> Stft.sqrtHann(8, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("do not overlap-add");
  }

  @Test
  void reconstructsWithAnArbitraryAnalysisWindow() {
    double[] w = new double[96];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.2 + random.nextDouble();
    }
    Stft stft = new Stft(w, 40);
    double[] x = randomSignal(2001, 11);

    assertThat(maxAbsDifference(x, stft.synthesize(stft.analyze(x), x.length))).isLessThan(1e-12);
  }

  @Test
  void sqrtHannAtHalfOverlapSynthesisesWithTheAnalysisWindow() {
    Stft stft = Stft.sqrtHann(512, 256);
    double[] a = stft.analysisWindow();
    double[] s = stft.synthesisWindow();
    for (int i = 0; i < a.length; i++) {
      assertThat(s[i]).isCloseTo(a[i], within(1e-15));
    }
  }

  @Test
  void frameSpectrumMatchesADirectDft() {
    int n = 32;
    Stft stft = Stft.sqrtHann(n, 16);
    double[] x = randomSignal(100, 5);
    double[] w = stft.analysisWindow();
    double[] spectrum = new double[stft.spectrumLength()];
    int t = 3;
    stft.analyzeFrame(x, x.length, t, spectrum);

    int start = stft.frameStart(t);
    assertThat(start).isEqualTo(3 * 16 - 16);
    for (int k = 0; k <= n / 2; k++) {
      double re = 0;
      double im = 0;
      for (int j = 0; j < n; j++) {
        double v = w[j] * x[start + j];
        re += v * Math.cos(2 * Math.PI * k * j / n);
        im -= v * Math.sin(2 * Math.PI * k * j / n);
      }
      assertThat(spectrum[2 * k]).as("Re X[%d]", k).isCloseTo(re, within(1e-12));
      assertThat(spectrum[2 * k + 1]).as("Im X[%d]", k).isCloseTo(im, within(1e-12));
    }
  }

  @Test
  void edgeFramesSeeZerosOutsideTheSignal() {
    Stft stft = Stft.sqrtHann(8, 4);
    double[] x = {1, 1, 1, 1, 1, 1};
    assertThat(stft.frames(x.length)).isEqualTo(3); // starts -4, 0, 4
    double[] spectrum = new double[stft.spectrumLength()];
    stft.analyzeFrame(x, x.length, 0, spectrum);
    double[] w = stft.analysisWindow();
    assertThat(spectrum[0]).isCloseTo(w[4] + w[5] + w[6] + w[7], within(1e-15));
  }

  @Test
  void framesCoverEverySample() {
    Stft stft = Stft.sqrtHann(512, 256);
    assertThat(stft.frames(0)).isZero();
    assertThat(stft.frames(1)).isEqualTo(2);
    assertThat(stft.frames(256)).isEqualTo(2);
    assertThat(stft.frames(257)).isEqualTo(3);
    assertThat(stft.frames(512)).isEqualTo(3);
    assertThat(stft.bins()).isEqualTo(257);
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> new Stft(new double[7], 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frameLength")
        .hasMessageContaining("even");
    assertThatThrownBy(() -> Stft.sqrtHann(16, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hop must be in 1..16");
    assertThatThrownBy(() -> Stft.sqrtHann(16, 17)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Stft(new double[] {1, Double.NaN}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not finite");
    assertThatThrownBy(() -> Stft.sqrtHann(16, 8).synthesize(new double[1][18], 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frames");
  }
}
