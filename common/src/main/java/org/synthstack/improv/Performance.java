package org.synthstack.improv;

import java.util.Objects;
import org.synthstack.features.SpectralFrames;

/**
 * One performance (one instrument JSON file, or one analysed recording): frame times and one column per feature.
 *
 * @param source the file or recording it came from, for messages
 * @param features the feature names, in column order
 * @param timeMs frame times in ms since the start, non-decreasing
 * @param columns {@code columns[f][t]}: feature {@code f} at frame {@code t}, in the feature's own units
 */
public record Performance(String source, FeatureSet features, double[] timeMs, double[][] columns) {

  public Performance {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(timeMs, "timeMs");
    Objects.requireNonNull(columns, "columns");
    if (columns.length != features.size()) {
      throw new IllegalArgumentException(
          source + ": " + columns.length + " columns for " + features.size() + " features");
    }
    for (int f = 0; f < columns.length; f++) {
      if (columns[f].length != timeMs.length) {
        throw new IllegalArgumentException(source + ": " + features.name(f) + " has " + columns[f].length
            + " frames, Time has " + timeMs.length);
      }
    }
  }

  /** The spectral descriptors of a recording, under the instrument's names. */
  public static Performance ofSpectral(String source, SpectralFrames frames) {
    return new Performance(source, FeatureSet.SPECTRAL, frames.timeMs(), frames.columns());
  }

  public int frames() {
    return timeMs.length;
  }
}
