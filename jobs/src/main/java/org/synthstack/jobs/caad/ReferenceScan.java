package org.synthstack.jobs.caad;

import java.util.ArrayList;
import java.util.List;
import org.synthstack.optimize.BatchObjective;

/**
 * The reference optimum of a one-dimensional expected loss, independent of the optimisers compared: a 21-point scan
 * of the interval, a 41-point scan of ± one coarse step around the best coarse point, and a parabola through the
 * best fine point and its two neighbours (clamped to the fine interval). Two batches, so a {@link SparkExpectedLoss}
 * runs it as two Spark jobs. For a smooth EL the vertex is within a few hundredths of the fine step.
 *
 * @param argmin the reference θ*
 * @param value EL at the best scanned point
 * @param evaluations EL evaluations spent (62)
 */
public record ReferenceScan(double argmin, double value, int evaluations) {
  static final int COARSE = 21;
  static final int FINE = 41;

  public static ReferenceScan of(BatchObjective expectedLoss, double lower, double upper) {
    double coarseStep = (upper - lower) / (COARSE - 1);
    double[] coarse = grid(lower, upper, COARSE);
    double[] coarseValues = expectedLoss.evaluate(points(coarse));
    int best = argmin(coarseValues);
    double fineLower = Math.max(lower, coarse[best] - coarseStep);
    double fineUpper = Math.min(upper, coarse[best] + coarseStep);
    double fineStep = (fineUpper - fineLower) / (FINE - 1);
    double[] fine = grid(fineLower, fineUpper, FINE);
    double[] fineValues = expectedLoss.evaluate(points(fine));
    int f = argmin(fineValues);
    double argmin = fine[f];
    if (f > 0 && f < FINE - 1) {
      double left = fineValues[f - 1];
      double mid = fineValues[f];
      double right = fineValues[f + 1];
      double curvature = left - 2 * mid + right;
      if (curvature > 0) {
        argmin = fine[f] + 0.5 * fineStep * (left - right) / curvature;
      }
    }
    return new ReferenceScan(argmin, Math.min(fineValues[f], coarseValues[best]), COARSE + FINE);
  }

  /** n equally spaced points from start to end, both included exactly. */
  private static double[] grid(double start, double end, int n) {
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = i == n - 1 ? end : start + i * (end - start) / (n - 1);
    }
    return g;
  }

  private static List<double[]> points(double[] thetas) {
    List<double[]> points = new ArrayList<>(thetas.length);
    for (double t : thetas) {
      points.add(new double[] {t});
    }
    return points;
  }

  private static int argmin(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] < values[best] || Double.isNaN(values[best])) {
        best = i;
      }
    }
    return best;
  }
}
