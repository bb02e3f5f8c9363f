package org.synthstack.dsp;

import java.util.Arrays;

/**
 * A cascade of second-order sections, each {@code b0, b1, b2, a1, a2} with {@code a0 = 1}:
 * {@code y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2]}.
 *
 * <p>Immutable. Filtering runs through {@link BiquadBank}, which executes many cascades side by side.
 */
public final class BiquadCascade {
  /** Coefficients per section, in the order b0, b1, b2, a1, a2. */
  public static final int COEFFICIENTS_PER_SECTION = 5;

  private static final BiquadCascade IDENTITY = new BiquadCascade(new double[0]);

  private final double[] coefficients;

  private BiquadCascade(double[] coefficients) {
    this.coefficients = coefficients;
  }

  /** A cascade from coefficients laid out section after section as b0, b1, b2, a1, a2. */
  public static BiquadCascade of(double... coefficients) {
    if (coefficients.length % COEFFICIENTS_PER_SECTION != 0) {
      throw new IllegalArgumentException(
          "expected a multiple of 5 coefficients (b0 b1 b2 a1 a2 per section), got " + coefficients.length);
    }
    for (double c : coefficients) {
      if (!Double.isFinite(c)) {
        throw new IllegalArgumentException("biquad coefficients must be finite: " + Arrays.toString(coefficients));
      }
    }
    return new BiquadCascade(coefficients.clone());
  }

  /** The cascade with no sections: it passes its input through unchanged. */
  public static BiquadCascade identity() {
    return IDENTITY;
  }

  /** The sections of {@code this} followed by those of {@code next}. */
  public BiquadCascade then(BiquadCascade next) {
    double[] joined = Arrays.copyOf(coefficients, coefficients.length + next.coefficients.length);
    System.arraycopy(next.coefficients, 0, joined, coefficients.length, next.coefficients.length);
    return new BiquadCascade(joined);
  }

  public int sections() {
    return coefficients.length / COEFFICIENTS_PER_SECTION;
  }

  /** Coefficient {@code c} (0..4 for b0, b1, b2, a1, a2) of section {@code s}. */
  public double coefficient(int s, int c) {
    return coefficients[s * COEFFICIENTS_PER_SECTION + c];
  }

  /** The complex frequency response at normalised angular frequency {@code omega} (radians per sample): {re, im}. */
  public double[] response(double omega) {
    double re = 1;
    double im = 0;
    double c1 = Math.cos(omega);
    double s1 = -Math.sin(omega);
    double c2 = Math.cos(2 * omega);
    double s2 = -Math.sin(2 * omega);
    for (int s = 0; s < sections(); s++) {
      double numRe = coefficient(s, 0) + coefficient(s, 1) * c1 + coefficient(s, 2) * c2;
      double numIm = coefficient(s, 1) * s1 + coefficient(s, 2) * s2;
      double denRe = 1 + coefficient(s, 3) * c1 + coefficient(s, 4) * c2;
      double denIm = coefficient(s, 3) * s1 + coefficient(s, 4) * s2;
      double den = denRe * denRe + denIm * denIm;
      double hRe = (numRe * denRe + numIm * denIm) / den;
      double hIm = (numIm * denRe - numRe * denIm) / den;
      double nextRe = re * hRe - im * hIm;
      im = re * hIm + im * hRe;
      re = nextRe;
    }
    return new double[] {re, im};
  }

  /** |H| at {@code frequencyHz} for a given sample rate. */
  public double magnitude(double frequencyHz, double sampleRate) {
    double[] h = response(2 * Math.PI * frequencyHz / sampleRate);
    return Math.hypot(h[0], h[1]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BiquadCascade other && Arrays.equals(coefficients, other.coefficients);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(coefficients);
  }

  @Override
  public String toString() {
    return "BiquadCascade" + Arrays.toString(coefficients);
  }
}
