package org.synthstack.jobs.ear;

import java.util.List;

/**
 * Counts of (true class, predicted class) and the scores derived from them. F1 of a class that is never predicted
 * and never present is 0, as scikit-learn's {@code zero_division=0}; macro-F1 is the unweighted mean over classes.
 */
public final class ConfusionMatrix {
  private final List<String> classes;
  private final long[][] counts;

  public ConfusionMatrix(List<String> classes) {
    this.classes = List.copyOf(classes);
    this.counts = new long[classes.size()][classes.size()];
  }

  public void add(int truth, int predicted, long count) {
    counts[truth][predicted] += count;
  }

  public void addAll(ConfusionMatrix other) {
    for (int t = 0; t < counts.length; t++) {
      for (int p = 0; p < counts.length; p++) {
        counts[t][p] += other.counts[t][p];
      }
    }
  }

  public List<String> classes() {
    return classes;
  }

  public long count(int truth, int predicted) {
    return counts[truth][predicted];
  }

  public long total() {
    long n = 0;
    for (long[] row : counts) {
      for (long c : row) {
        n += c;
      }
    }
    return n;
  }

  public double accuracy() {
    long correct = 0;
    for (int k = 0; k < counts.length; k++) {
      correct += counts[k][k];
    }
    long n = total();
    return n == 0 ? 0 : (double) correct / n;
  }

  public double f1(int k) {
    long tp = counts[k][k];
    long predicted = 0;
    long actual = 0;
    for (int j = 0; j < counts.length; j++) {
      predicted += counts[j][k];
      actual += counts[k][j];
    }
    return predicted + actual == 0 ? 0 : 2.0 * tp / (predicted + actual);
  }

  public double macroF1() {
    double sum = 0;
    for (int k = 0; k < counts.length; k++) {
      sum += f1(k);
    }
    return sum / counts.length;
  }

  /** Rows normalised to sum to 1 (recall per class along the diagonal), for plotting. */
  public double[][] rowNormalised() {
    double[][] out = new double[counts.length][counts.length];
    for (int t = 0; t < counts.length; t++) {
      long row = 0;
      for (long c : counts[t]) {
        row += c;
      }
      for (int p = 0; p < counts.length; p++) {
        out[t][p] = row == 0 ? 0 : (double) counts[t][p] / row;
      }
    }
    return out;
  }
}
