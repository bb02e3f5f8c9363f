package org.synthstack.dsp;

/** Power-to-decibel conversion in librosa's convention ({@code power_to_db(S, ref=1.0, amin=1e-10, top_db)}). */
public final class Decibels {
  /** The smallest power that is converted; anything below reads as this. */
  public static final double MIN_POWER = 1e-10;

  private Decibels() {}

  /**
   * Converts {@code values[0..n)} from power to dB in place, then clips everything more than {@code topDb}
   * below the maximum up to {@code max - topDb}.
   */
  public static void powerToDb(double[] values, int n, double topDb) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      values[i] = 10 * Math.log10(Math.max(MIN_POWER, values[i]));
      max = Math.max(max, values[i]);
    }
    double floor = max - topDb;
    for (int i = 0; i < n; i++) {
      values[i] = Math.max(values[i], floor);
    }
  }
}
