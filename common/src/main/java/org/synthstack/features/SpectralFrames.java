package org.synthstack.features;

import java.util.Objects;

/**
 * Spectral descriptors of a whole signal, column by column as the instrument's JSON stores them.
 *
 * @param timeMs start time of each frame in ms since the start of the signal
 * @param columns {@code columns[f.ordinal()][t]} is feature {@code f} of frame {@code t}, in the units of
 *     {@link SpectralFeature}
 */
public record SpectralFrames(double[] timeMs, double[][] columns) {

  public SpectralFrames {
    Objects.requireNonNull(timeMs, "timeMs");
    Objects.requireNonNull(columns, "columns");
    if (columns.length != SpectralFeature.values().length) {
      throw new IllegalArgumentException(
          "expected " + SpectralFeature.values().length + " columns, got " + columns.length);
    }
    for (double[] column : columns) {
      if (column.length != timeMs.length) {
        throw new IllegalArgumentException("every column needs " + timeMs.length + " frames");
      }
    }
  }

  public int frames() {
    return timeMs.length;
  }

  public double[] column(SpectralFeature feature) {
    return columns[feature.ordinal()];
  }

  public double value(SpectralFeature feature, int frame) {
    return columns[feature.ordinal()][frame];
  }
}
