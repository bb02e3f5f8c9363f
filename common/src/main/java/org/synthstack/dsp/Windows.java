package org.synthstack.dsp;

/** Analysis windows. */
public final class Windows {
  private Windows() {}

  /**
   * The periodic Hann window of {@code length} samples, {@code 0.5 - 0.5 cos(2 pi n / length)}: the one
   * librosa and scipy use for spectral analysis ({@code fftbins=True}).
   */
  public static double[] periodicHann(int length) {
    double[] w = new double[length];
    for (int n = 0; n < length; n++) {
      w[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / length);
    }
    return w;
  }

  /** The symmetric Hann window, {@code 0.5 - 0.5 cos(2 pi n / (length - 1))}, as used by Meyda-style framing. */
  public static double[] symmetricHann(int length) {
    double[] w = new double[length];
    if (length == 1) {
      w[0] = 1;
      return w;
    }
    for (int n = 0; n < length; n++) {
      w[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / (length - 1));
    }
    return w;
  }
}
