package org.synthstack.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;

/** Shared helpers: fixtures, signal measurement, and a mutation harness for robustness tests. */
final class TestAudio {

  private TestAudio() {}

  static byte[] resource(String name) {
    try (InputStream in = TestAudio.class.getResourceAsStream("/audio/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double[] sine(double frequency, double amplitude, int rate, int length) {
    double[] x = new double[length];
    for (int i = 0; i < length; i++) {
      x[i] = amplitude * Math.sin(2 * Math.PI * frequency * i / rate);
    }
    return x;
  }

  /**
   * Amplitude of the sinusoid at {@code frequency} in {@code x[from..to)}, by a least-squares fit of
   * sin and cos terms (exact for a pure tone, unlike an FFT bin).
   */
  static double fittedAmplitude(double[] x, double frequency, int rate, int from, int to) {
    double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
    for (int i = from; i < to; i++) {
      double w = 2 * Math.PI * frequency * i / rate;
      double s = Math.sin(w);
      double c = Math.cos(w);
      ss += s * s;
      cc += c * c;
      sc += s * c;
      ys += x[i] * s;
      yc += x[i] * c;
    }
    double det = ss * cc - sc * sc;
    double a = (ys * cc - yc * sc) / det;
    double b = (yc * ss - ys * sc) / det;
    return Math.hypot(a, b);
  }

  /** Root-mean-square of {@code x[from..to)}. */
  static double rms(double[] x, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += x[i] * x[i];
    }
    return Math.sqrt(sum / (to - from));
  }

  /** Frequency (Hz) of the largest Hann-windowed FFT bin, refined by parabolic interpolation. */
  static double dominantFrequency(double[] x, int rate) {
    int n = x.length;
    double[] buf = new double[n];
    for (int i = 0; i < n; i++) {
      buf[i] = x[i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
    }
    new DoubleFFT_1D(n).realForward(buf);
    int bins = n / 2;
    double[] mag = new double[bins];
    for (int k = 1; k < bins; k++) {
      mag[k] = Math.hypot(buf[2 * k], buf[2 * k + 1]);
    }
    int best = 1;
    for (int k = 2; k < bins - 1; k++) {
      if (mag[k] > mag[best]) {
        best = k;
      }
    }
    double a = Math.log(mag[best - 1] + 1e-300);
    double b = Math.log(mag[best] + 1e-300);
    double c = Math.log(mag[best + 1] + 1e-300);
    double offset = 0.5 * (a - c) / (a - 2 * b + c);
    return (best + offset) * rate / n;
  }

  static double db(double ratio) {
    return 20 * Math.log10(ratio);
  }

  /** Outcome of feeding one mutated file to the decoder. */
  interface Outcome {
    void accept(byte[] mutated) throws Exception;
  }

  /**
   * Feeds {@code count} mutations of {@code original} to {@code check}: alternately a random
   * truncation and a burst of random bit flips.
   */
  static void mutate(byte[] original, int count, long seed, Outcome check) throws Exception {
    Random random = new Random(seed);
    for (int k = 0; k < count; k++) {
      byte[] d;
      if (k % 2 == 0) {
        d = java.util.Arrays.copyOf(original, random.nextInt(original.length));
      } else {
        d = original.clone();
        int flips = 1 + random.nextInt(16);
        for (int f = 0; f < flips; f++) {
          d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      check.accept(d);
    }
  }
}
