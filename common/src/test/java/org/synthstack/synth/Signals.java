package org.synthstack.synth;

import org.jtransforms.fft.DoubleFFT_1D;

/** Measurements on rendered audio, independent of the code under test. */
final class Signals {
  private Signals() {}

  /** Frequency of the strongest spectral peak of x[from..from+n), with parabolic interpolation, in Hz. */
  static double peakFrequency(double[] x, int from, int n, double sampleRate) {
    double[] frame = new double[n];
    for (int i = 0; i < n; i++) {
      frame[i] = x[from + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
    }
    new DoubleFFT_1D(n).realForward(frame);
    double[] mag = new double[n / 2];
    for (int k = 1; k < n / 2; k++) {
      mag[k] = Math.log(Math.hypot(frame[2 * k], frame[2 * k + 1]) + 1e-300);
    }
    int best = 1;
    for (int k = 2; k < n / 2 - 1; k++) {
      if (mag[k] > mag[best]) {
        best = k;
      }
    }
    double a = mag[best - 1];
    double b = mag[best];
    double c = mag[best + 1];
    double offset = 0.5 * (a - c) / (a - 2 * b + c);
    return (best + offset) * sampleRate / n;
  }

  static double rms(double[] x, int from, int n) {
    double e = 0;
    for (int i = from; i < from + n; i++) {
      e += x[i] * x[i];
    }
    return Math.sqrt(e / n);
  }

  static double peak(double[] x) {
    double p = 0;
    for (double v : x) {
      p = Math.max(p, Math.abs(v));
    }
    return p;
  }
}
