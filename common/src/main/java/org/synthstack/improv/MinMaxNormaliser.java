package org.synthstack.improv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Per-feature min–max scaling to [0, 1] (the seed's eq. 5, {@code (x − min)/(max − min)}), with the min and max
 * stored so that predictions can be mapped back.
 *
 * <p>A feature that never changes (max = min) maps to 0 and back to its constant value: never NaN. Values outside
 * the fitted range map outside [0, 1]; callers that feed a model clamp if they need to.
 */
public final class MinMaxNormaliser {
  private final FeatureSet features;
  private final double[] min;
  private final double[] max;

  public MinMaxNormaliser(FeatureSet features, double[] min, double[] max) {
    if (min.length != features.size() || max.length != features.size()) {
      throw new IllegalArgumentException("need one min and one max per feature (" + features.size() + ")");
    }
    for (int f = 0; f < min.length; f++) {
      if (!(Double.isFinite(min[f]) && Double.isFinite(max[f]) && min[f] <= max[f])) {
        throw new IllegalArgumentException(
            features.name(f) + ": min " + min[f] + " and max " + max[f] + " must be finite with min <= max");
      }
    }
    this.features = features;
    this.min = min.clone();
    this.max = max.clone();
  }

  /** The min and max of every feature over all frames of {@code performances}, which must share one feature set. */
  public static MinMaxNormaliser fit(Collection<Performance> performances) {
    if (performances.isEmpty()) {
      throw new IllegalArgumentException("cannot fit a normaliser to no performances");
    }
    FeatureSet features = performances.iterator().next().features();
    double[] min = new double[features.size()];
    double[] max = new double[features.size()];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    long frames = 0;
    for (Performance p : performances) {
      features.requireSame(p.features(), p.source());
      for (int f = 0; f < features.size(); f++) {
        for (double v : p.columns()[f]) {
          min[f] = Math.min(min[f], v);
          max[f] = Math.max(max[f], v);
        }
      }
      frames += p.frames();
    }
    if (frames == 0) {
      throw new IllegalArgumentException("cannot fit a normaliser to performances without frames");
    }
    return new MinMaxNormaliser(features, min, max);
  }

  public FeatureSet features() {
    return features;
  }

  public double min(int feature) {
    return min[feature];
  }

  public double max(int feature) {
    return max[feature];
  }

  /** Feature {@code f}'s value {@code x} scaled to [0, 1] over the fitted range. */
  public double normalise(int f, double x) {
    double range = max[f] - min[f];
    return range > 0 ? (x - min[f]) / range : 0;
  }

  /** The inverse of {@link #normalise}. */
  public double denormalise(int f, double y) {
    return min[f] + y * (max[f] - min[f]);
  }

  /** All columns of {@code performance} normalised: {@code [feature][frame]}. */
  public double[][] normalise(Performance performance) {
    features.requireSame(performance.features(), performance.source());
    double[][] out = new double[features.size()][performance.frames()];
    for (int f = 0; f < out.length; f++) {
      double[] column = performance.columns()[f];
      for (int t = 0; t < column.length; t++) {
        out[f][t] = normalise(f, column[t]);
      }
    }
    return out;
  }

  /** {@code {"features": [...], "min": [...], "max": [...]}}. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    ArrayNode names = node.putArray("features");
    features.names().forEach(names::add);
    ArrayNode mins = node.putArray("min");
    ArrayNode maxs = node.putArray("max");
    for (int f = 0; f < min.length; f++) {
      mins.add(min[f]);
      maxs.add(max[f]);
    }
    return node;
  }

  /**
   * Parses {@link #toJson()}'s shape.
   *
   * @param source the file it came from, for messages
   * @param path the JSON path of {@code node} in that file, for messages
   */
  public static MinMaxNormaliser fromJson(JsonNode node, String source, String path) throws CorpusFormatException {
    if (node == null || !node.isObject()) {
      throw new CorpusFormatException(source, path, "must be an object with features, min and max");
    }
    JsonNode names = node.get("features");
    if (names == null || !names.isArray() || names.isEmpty()) {
      throw new CorpusFormatException(source, path + ".features", "must be a non-empty array of names");
    }
    List<String> list = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).isTextual()) {
        throw new CorpusFormatException(source, path + ".features[" + i + "]", "must be a string");
      }
      list.add(names.get(i).asText());
    }
    FeatureSet features;
    try {
      features = new FeatureSet(list);
    } catch (IllegalArgumentException e) {
      throw new CorpusFormatException(source, path + ".features", e.getMessage());
    }
    double[] min = numbers(node.get("min"), list.size(), source, path + ".min");
    double[] max = numbers(node.get("max"), list.size(), source, path + ".max");
    for (int f = 0; f < min.length; f++) {
      if (min[f] > max[f]) {
        throw new CorpusFormatException(source, path + ".min[" + f + "]", "exceeds max for " + list.get(f));
      }
    }
    return new MinMaxNormaliser(features, min, max);
  }

  private static double[] numbers(JsonNode node, int size, String source, String path) throws CorpusFormatException {
    if (node == null || !node.isArray() || node.size() != size) {
      throw new CorpusFormatException(source, path, "must be an array of " + size + " numbers");
    }
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      if (!node.get(i).isNumber() || !Double.isFinite(node.get(i).doubleValue())) {
        throw new CorpusFormatException(source, path + "[" + i + "]", "must be a finite number");
      }
      values[i] = node.get(i).doubleValue();
    }
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MinMaxNormaliser other && features.equals(other.features)
        && java.util.Arrays.equals(min, other.min) && java.util.Arrays.equals(max, other.max);
  }

  @Override
  public int hashCode() {
    return features.hashCode() * 31 + java.util.Arrays.hashCode(min) * 17 + java.util.Arrays.hashCode(max);
  }
}
