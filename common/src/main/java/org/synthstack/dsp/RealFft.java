package org.synthstack.dsp;

import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/** A real-input FFT of fixed size (JTransforms), reduced to a one-sided power spectrum. Not thread-safe. */
public final class RealFft {
  static {
    // Many transforms run in parallel on separate cores (Spark tasks); threads inside one transform only contend.
    ConcurrencyUtils.setNumberOfThreads(1);
  }

  private final int size;
  private final DoubleFFT_1D fft;

  public RealFft(int size) {
    if (size < 2 || size % 2 != 0) {
      throw new IllegalArgumentException("FFT size must be even and at least 2, got " + size);
    }
    this.size = size;
    this.fft = new DoubleFFT_1D(size);
  }

  public int size() {
    return size;
  }

  /** Number of one-sided bins: size / 2 + 1. */
  public int bins() {
    return size / 2 + 1;
  }

  /**
   * Transforms {@code frame} (length {@link #size()}, overwritten) and writes |X[k]|^2 for k = 0..size/2 into
   * {@code power}.
   */
  public void power(double[] frame, double[] power) {
    fft.realForward(frame);
    // JTransforms packs Re[0] and Re[n/2] into the first two slots, then (Re, Im) pairs.
    power[0] = frame[0] * frame[0];
    power[size / 2] = frame[1] * frame[1];
    for (int k = 1; k < size / 2; k++) {
      double re = frame[2 * k];
      double im = frame[2 * k + 1];
      power[k] = re * re + im * im;
    }
  }
}
