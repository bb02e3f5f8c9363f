package org.synthstack.synth.search;

import java.util.Locale;

/**
 * One behaviour descriptor's axis of the archive grid: {@code bins} equal steps of [low, high], on a logarithmic
 * scale when {@code log}. Values outside the range fall into the first or last bin; NaN falls into the first.
 *
 * @param name the descriptor, e.g. {@code centroid}
 * @param unit printed after the bin edges, e.g. {@code Hz}
 */
public record Axis(String name, String unit, double low, double high, boolean log, int bins) {
  public Axis {
    if (bins < 1) {
      throw new IllegalArgumentException("axis " + name + ": " + bins + " bins; a grid needs at least one cell per "
          + "axis");
    }
    if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high) || (log && !(low > 0))) {
      throw new IllegalArgumentException("axis " + name + ": range " + low + ".." + high + " is empty or invalid"
          + (log ? " (a logarithmic axis needs 0 < low < high)" : ""));
    }
  }

  /** The bin of {@code value}. */
  public int bin(double value) {
    if (Double.isNaN(value)) {
      return 0;
    }
    double t = log ? (Math.log(value) - Math.log(low)) / (Math.log(high) - Math.log(low)) : (value - low) / (high - low);
    if (!(t > 0)) {
      return 0;
    }
    int b = (int) Math.floor(t * bins);
    return Math.min(b, bins - 1);
  }

  /** The lower edge of bin {@code b} (b = bins gives the upper edge of the last). */
  public double edge(int b) {
    double t = (double) b / bins;
    return log ? low * Math.pow(high / low, t) : low + (high - low) * t;
  }

  /** A short label of bin {@code b}'s range, e.g. {@code 120-250 Hz} or {@code 1k-1.4k Hz}. */
  public String label(int b) {
    return format(edge(b)) + "-" + format(edge(b + 1)) + (unit.isEmpty() ? "" : " " + unit);
  }

  private static String format(double v) {
    double a = Math.abs(v);
    if (a >= 1000) {
      String k = String.format(Locale.ROOT, a >= 10_000 ? "%.0f" : "%.1f", v / 1000);
      return (k.endsWith(".0") ? k.substring(0, k.length() - 2) : k) + "k";
    }
    if (a >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return a >= 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
