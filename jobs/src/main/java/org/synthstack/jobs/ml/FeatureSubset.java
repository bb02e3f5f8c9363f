package org.synthstack.jobs.ml;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How many candidate features each node draws, from a {@code featureSubsetStrategy} value. The values and their
 * meaning are MLlib's ({@code RandomForestClassifier}): {@code auto} and {@code sqrt} = ceil(sqrt(d)),
 * {@code log2} = max(1, ceil(log2(d))), {@code onethird} = ceil(d/3), {@code all} = d, a fraction f in (0, 1] =
 * ceil(f d), an integer n &ge; 1 = min(n, d). (sklearn rounds sqrt and log2 down; MLlib's rounding is kept so the
 * param means the same thing to Spark users.)
 */
public final class FeatureSubset {
  private static final Pattern INTEGER = Pattern.compile("[1-9][0-9]*");
  private static final Pattern FRACTION = Pattern.compile("0?\\.[0-9]*[1-9][0-9]*|1\\.0*");

  private FeatureSubset() {}

  /** True if {@code value} is a supported strategy. */
  public static boolean isValid(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "auto", "sqrt", "log2", "onethird", "all":
        return true;
      default:
        if (INTEGER.matcher(v).matches()) {
          return v.length() <= 9;
        }
        return FRACTION.matcher(v).matches();
    }
  }

  /** The number of features each node draws for {@code numFeatures} features. */
  public static int featuresPerNode(String value, int numFeatures) {
    if (!isValid(value)) {
      throw new IllegalArgumentException("unsupported featureSubsetStrategy '" + value + "': expected auto, all, "
          + "sqrt, log2, onethird, a fraction in (0, 1] or an integer >= 1");
    }
    if (numFeatures < 1) {
      throw new IllegalArgumentException("need at least one feature");
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    int k;
    switch (v) {
      case "auto", "sqrt" -> k = (int) Math.ceil(Math.sqrt(numFeatures));
      case "log2" -> k = Math.max(1, (int) Math.ceil(Math.log(numFeatures) / Math.log(2)));
      case "onethird" -> k = (int) Math.ceil(numFeatures / 3.0);
      case "all" -> k = numFeatures;
      default -> {
        if (INTEGER.matcher(v).matches()) {
          k = Integer.parseInt(v);
        } else {
          k = (int) Math.ceil(Double.parseDouble(v) * numFeatures);
        }
      }
    }
    return Math.max(1, Math.min(k, numFeatures));
  }
}
