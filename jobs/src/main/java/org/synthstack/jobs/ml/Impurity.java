package org.synthstack.jobs.ml;

import java.util.Locale;

/**
 * Node impurity measures over weighted class counts, as MLlib defines them: Gini {@code 1 - sum p_k^2} and entropy
 * {@code -sum p_k log2 p_k} (base 2, so a balanced binary node has entropy 1).
 */
public enum Impurity {
  GINI {
    @Override
    double of(double[] counts, int offset, int numClasses, double total) {
      if (total <= 0) {
        return 0;
      }
      double inv = 1.0 / total;
      double sumSq = 0;
      for (int c = 0; c < numClasses; c++) {
        double p = counts[offset + c] * inv;
        sumSq += p * p;
      }
      return 1.0 - sumSq;
    }
  },
  ENTROPY {
    @Override
    double of(double[] counts, int offset, int numClasses, double total) {
      if (total <= 0) {
        return 0;
      }
      double inv = 1.0 / total;
      double h = 0;
      for (int c = 0; c < numClasses; c++) {
        double p = counts[offset + c] * inv;
        if (p > 0) {
          h -= p * Math.log(p);
        }
      }
      return h * INV_LN2;
    }
  };

  private static final double INV_LN2 = 1.0 / Math.log(2);

  /** The impurity of the class counts {@code counts[offset .. offset + numClasses)} summing to {@code total}. */
  abstract double of(double[] counts, int offset, int numClasses, double total);

  /** The impurity of {@code counts}, whose sum is computed here. */
  public double of(double... counts) {
    double total = 0;
    for (double c : counts) {
      total += c;
    }
    return of(counts, 0, counts.length, total);
  }

  /** The param value naming this measure ({@code "gini"}, {@code "entropy"}). */
  public String paramValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a param value, ignoring case. */
  public static Impurity parse(String value) {
    for (Impurity i : values()) {
      if (i.paramValue().equalsIgnoreCase(value)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown impurity '" + value + "': expected gini or entropy");
  }
}
