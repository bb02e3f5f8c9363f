package org.synthstack.improv;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.synthstack.features.SpectralFeature;

/**
 * The ordered feature names a corpus, normaliser or model works on. Two feature sets match only if they name the same
 * features in the same order: a model's input dimension {@code d} means the same thing only then.
 *
 * @param names JSON names, in column order
 */
public record FeatureSet(List<String> names) {

  /** The seed's spectral features (Chroma01..12, SpectralSlope … SpectralCentroid), in the instrument's order. */
  public static final FeatureSet SPECTRAL = new FeatureSet(SpectralFeature.jsonNames());

  public FeatureSet {
    names = List.copyOf(Objects.requireNonNull(names, "names"));
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a feature set needs at least one feature");
    }
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("feature names repeat: " + names);
    }
    if (names.contains(PerformanceJson.TIME)) {
      throw new IllegalArgumentException("'" + PerformanceJson.TIME + "' is the time axis, not a feature");
    }
  }

  public int size() {
    return names.size();
  }

  public String name(int index) {
    return names.get(index);
  }

  /**
   * Throws {@link IncompatibleFeatureSetException} unless {@code other} is this feature set.
   *
   * @param what what {@code other} belongs to, for the message (a file, "the normaliser", …)
   */
  public void requireSame(FeatureSet other, String what) {
    if (equals(other)) {
      return;
    }
    List<String> missing = new ArrayList<>(names);
    missing.removeAll(other.names);
    List<String> extra = new ArrayList<>(other.names);
    extra.removeAll(names);
    StringBuilder message = new StringBuilder(what)
        .append(" was made for another feature set (")
        .append(other.size())
        .append(" features, expected ")
        .append(size())
        .append(')');
    if (!missing.isEmpty()) {
      message.append("; it lacks ").append(missing);
    }
    if (!extra.isEmpty()) {
      message.append("; it has extra ").append(extra);
    }
    if (missing.isEmpty() && extra.isEmpty()) {
      message.append("; same features in another order: ").append(other.names);
    }
    throw new IncompatibleFeatureSetException(message.toString());
  }
}
