package org.synthstack.jobs.caad;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Statistics of trajectories across repetitions: the curves of the convergence plots and the summary tables. */
public final class Convergence {
  private Convergence() {}

  /**
   * A curve over steps: the mean across repetitions and its spread band (25th to 75th percentile).
   *
   * @param x the step's x value (from the first run)
   * @param mean the mean across runs
   * @param low the 25th percentile
   * @param high the 75th percentile
   * @param sd the sample standard deviation (0 for one run)
   */
  public record Band(double[] x, double[] mean, double[] low, double[] high, double[] sd) {}

  /**
   * The band of {@code y} over the steps all runs share (the shortest trajectory's length).
   *
   * @throws IllegalArgumentException if there are no runs
   */
  public static Band of(List<RunResult> runs, ToDoubleFunction<TrajectoryPoint> x, ToDoubleFunction<TrajectoryPoint> y) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs");
    }
    int steps = runs.stream().mapToInt(r -> r.trajectory().size()).min().orElse(0);
    double[] xs = new double[steps];
    double[] mean = new double[steps];
    double[] low = new double[steps];
    double[] high = new double[steps];
    double[] sd = new double[steps];
    double[] values = new double[runs.size()];
    for (int i = 0; i < steps; i++) {
      xs[i] = x.applyAsDouble(runs.get(0).trajectory().get(i));
      for (int r = 0; r < values.length; r++) {
        values[r] = y.applyAsDouble(runs.get(r).trajectory().get(i));
      }
      double[] ms = meanAndSd(values);
      mean[i] = ms[0];
      sd[i] = ms[1];
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      low[i] = percentile(sorted, 0.25);
      high[i] = percentile(sorted, 0.75);
    }
    return new Band(xs, mean, low, high, sd);
  }

  /** Mean and sample standard deviation (0 for a single value). */
  public static double[] meanAndSd(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double var = 0;
    for (double v : values) {
      var += (v - mean) * (v - mean);
    }
    return new double[] {mean, values.length > 1 ? Math.sqrt(var / (values.length - 1)) : 0};
  }

  /** The q-quantile of sorted values, linear between order statistics (NumPy's default). */
  public static double percentile(double[] sorted, double q) {
    if (sorted.length == 1) {
      return sorted[0];
    }
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  /** The median of values (not modified). */
  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return percentile(sorted, 0.5);
  }

  /**
   * The loss evaluations after which the run's estimate stays within {@code tolerance} (by {@code distance}) to
   * the end of the run: the cost of the first row from which every later row is within it. -1 if the last row is
   * not within it.
   */
  public static long lossEvaluationsToStayWithin(RunResult run, ToDoubleFunction<TrajectoryPoint> distance,
      double tolerance) {
    List<TrajectoryPoint> t = run.trajectory();
    long answer = -1;
    for (int i = t.size() - 1; i >= 0; i--) {
      if (distance.applyAsDouble(t.get(i)) <= tolerance) {
        answer = t.get(i).lossEvaluations();
      } else {
        break;
      }
    }
    return answer;
  }
}
