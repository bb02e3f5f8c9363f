package org.synthstack.dsp;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Digital Butterworth low- and high-pass filters as cascades of second-order sections.
 *
 * <p>The design is the one {@code scipy.signal.butter(order, fc, btype, fs=fs, output='sos')} uses: the analog
 * prototype's poles, pre-warped so the -3 dB point lands exactly on {@code fc}, mapped through the bilinear
 * transform. Sections are ordered with the poles closest to the unit circle last, as scipy's zpk2sos does.
 * Unlike scipy, which puts the whole gain in the first section, every section here has unit gain in the
 * passband (DC for a low-pass, Nyquist for a high-pass), which keeps intermediate signals at their natural
 * level; the cascade's overall response is the same.
 */
public final class Butterworth {
  private Butterworth() {}

  /** A low-pass of even {@code order} with its -3 dB point at {@code cutoffHz}. */
  public static BiquadCascade lowPass(int order, double cutoffHz, double sampleRate) {
    return design(order, cutoffHz, sampleRate, false);
  }

  /** A high-pass of even {@code order} with its -3 dB point at {@code cutoffHz}. */
  public static BiquadCascade highPass(int order, double cutoffHz, double sampleRate) {
    return design(order, cutoffHz, sampleRate, true);
  }

  /**
   * The analytic magnitude of the digital (bilinear, pre-warped) Butterworth low-pass:
   * {@code 1 / sqrt(1 + (tan(pi f / fs) / tan(pi fc / fs))^(2 order))}. Used to check designs.
   */
  public static double analyticLowPassMagnitude(int order, double cutoffHz, double frequencyHz, double sampleRate) {
    double ratio = Math.tan(Math.PI * frequencyHz / sampleRate) / Math.tan(Math.PI * cutoffHz / sampleRate);
    return 1 / Math.sqrt(1 + Math.pow(ratio, 2 * order));
  }

  /** As {@link #analyticLowPassMagnitude} for the high-pass: the ratio is inverted. */
  public static double analyticHighPassMagnitude(int order, double cutoffHz, double frequencyHz, double sampleRate) {
    double ratio = Math.tan(Math.PI * cutoffHz / sampleRate) / Math.tan(Math.PI * frequencyHz / sampleRate);
    return 1 / Math.sqrt(1 + Math.pow(ratio, 2 * order));
  }

  private static BiquadCascade design(int order, double cutoffHz, double sampleRate, boolean highPass) {
    if (order < 2 || order % 2 != 0) {
      throw new IllegalArgumentException("Butterworth order must be even and at least 2, got " + order);
    }
    if (!(cutoffHz > 0 && cutoffHz < sampleRate / 2)) {
      throw new IllegalArgumentException(
          "cutoff must lie strictly between 0 and Nyquist (" + sampleRate / 2 + " Hz), got " + cutoffHz);
    }
    double fs2 = 2 * sampleRate;
    double warped = fs2 * Math.tan(Math.PI * cutoffHz / sampleRate);
    int pairs = order / 2;
    double[][] poles = new double[pairs][];
    for (int k = 0; k < pairs; k++) {
      // Prototype pole in the upper-left quadrant; its conjugate completes the section.
      double theta = Math.PI * (2 * k + order + 1) / (2.0 * order);
      double pRe = Math.cos(theta);
      double pIm = Math.sin(theta);
      double sRe;
      double sIm;
      if (highPass) {
        double mag2 = pRe * pRe + pIm * pIm;
        sRe = warped * pRe / mag2;
        sIm = -warped * pIm / mag2;
      } else {
        sRe = warped * pRe;
        sIm = warped * pIm;
      }
      // Bilinear transform z = (2fs + s) / (2fs - s).
      double nRe = fs2 + sRe;
      double nIm = sIm;
      double dRe = fs2 - sRe;
      double dIm = -sIm;
      double d = dRe * dRe + dIm * dIm;
      poles[k] = new double[] {(nRe * dRe + nIm * dIm) / d, (nIm * dRe - nRe * dIm) / d};
    }
    Arrays.sort(poles, Comparator.comparingDouble(p -> p[0] * p[0] + p[1] * p[1]));
    double[] coefficients = new double[pairs * BiquadCascade.COEFFICIENTS_PER_SECTION];
    for (int k = 0; k < pairs; k++) {
      double a1 = -2 * poles[k][0];
      double a2 = poles[k][0] * poles[k][0] + poles[k][1] * poles[k][1];
      double gain = highPass ? (1 - a1 + a2) / 4 : (1 + a1 + a2) / 4;
      double sign = highPass ? -1 : 1;
      int o = k * BiquadCascade.COEFFICIENTS_PER_SECTION;
      coefficients[o] = gain;
      coefficients[o + 1] = sign * 2 * gain;
      coefficients[o + 2] = gain;
      coefficients[o + 3] = a1;
      coefficients[o + 4] = a2;
    }
    return BiquadCascade.of(coefficients);
  }
}
