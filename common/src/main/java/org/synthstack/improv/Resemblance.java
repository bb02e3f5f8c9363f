package org.synthstack.improv;

import java.util.Arrays;

/**
 * How close a generated continuation is to the true one that followed the same input: the quantitative measure the
 * seed's conclusion asks for, so that comparing optimizers does not rest on looking at plots.
 *
 * <p>Both continuations are compared as distributions, not step by step: a plausible continuation improvises, so it
 * should sound like what followed, not repeat it sample for sample. Per feature, the distance is the
 * <b>Wasserstein-1</b> (earth mover's) distance between the empirical distributions of the two continuations'
 * <em>normalised</em> values ([0, 1] per feature, {@link MinMaxNormaliser}), so every feature weighs the same and the
 * distance is itself in [0, 1]: 0 for the same distribution, c for a distribution shifted by c, 1 only for all mass at
 * 0 against all mass at 1. Timing is scored on the inter-frame times Δt in ms: the errors of their mean and standard
 * deviation (the seed's poor runs "lack correct time differences" and come out "densely packed") and their
 * Wasserstein-1 distance.
 *
 * <p>{@link Score#resemblance()} = 1 − mean feature distance: the seed's "percentage reflecting the resemblance".
 */
public final class Resemblance {
  private Resemblance() {}

  /**
   * One continuation against the truth.
   *
   * @param featureDistance per feature, Wasserstein-1 between normalised values, in feature-set order
   * @param meanFeatureDistance the mean of {@code featureDistance}
   * @param dtMeanErrorMs |mean generated Δt − mean true Δt|, ms
   * @param dtSdErrorMs |sd of generated Δt − sd of true Δt| (population sd), ms
   * @param dtDistanceMs Wasserstein-1 between the Δt distributions, ms
   */
  public record Score(
      double[] featureDistance, double meanFeatureDistance, double dtMeanErrorMs, double dtSdErrorMs,
      double dtDistanceMs) implements java.io.Serializable {

    /** 1 − mean feature distance, in [0, 1]; 1 means the same per-feature distributions. */
    public double resemblance() {
      return 1 - meanFeatureDistance;
    }

    /** The element-wise mean of several scores (e.g. over held-out segments). */
    public static Score mean(java.util.List<Score> scores) {
      if (scores.isEmpty()) {
        throw new IllegalArgumentException("no scores to average");
      }
      int features = scores.get(0).featureDistance.length;
      double[] distance = new double[features];
      double meanDistance = 0;
      double dtMean = 0;
      double dtSd = 0;
      double dtDistance = 0;
      for (Score s : scores) {
        for (int f = 0; f < features; f++) {
          distance[f] += s.featureDistance[f] / scores.size();
        }
        meanDistance += s.meanFeatureDistance / scores.size();
        dtMean += s.dtMeanErrorMs / scores.size();
        dtSd += s.dtSdErrorMs / scores.size();
        dtDistance += s.dtDistanceMs / scores.size();
      }
      return new Score(distance, meanDistance, dtMean, dtSd, dtDistance);
    }
  }

  /**
   * Scores a generated continuation against the true one.
   *
   * @param trueNormalised {@code [feature][frame]} normalised values of the true continuation
   * @param trueDtMs its inter-frame times, ms
   * @param generatedNormalised {@code [feature][frame]} of the generated one (any length, at least 1)
   * @param generatedDtMs its inter-frame times, ms
   */
  public static Score score(
      double[][] trueNormalised, double[] trueDtMs, double[][] generatedNormalised, double[] generatedDtMs) {
    if (trueNormalised.length != generatedNormalised.length || trueNormalised.length == 0) {
      throw new IllegalArgumentException("need the same features on both sides: " + trueNormalised.length + " and "
          + generatedNormalised.length);
    }
    double[] distance = new double[trueNormalised.length];
    double sum = 0;
    for (int f = 0; f < distance.length; f++) {
      distance[f] = wasserstein1(trueNormalised[f], generatedNormalised[f]);
      sum += distance[f];
    }
    double[] trueMoments = meanAndSd(trueDtMs);
    double[] generatedMoments = meanAndSd(generatedDtMs);
    return new Score(distance, sum / distance.length,
        Math.abs(generatedMoments[0] - trueMoments[0]),
        Math.abs(generatedMoments[1] - trueMoments[1]),
        wasserstein1(trueDtMs, generatedDtMs));
  }

  /**
   * The Wasserstein-1 distance between the empirical distributions of {@code a} and {@code b} (each value weighing
   * 1/n of its sample): ∫ |F_a(x) − F_b(x)| dx. The samples may differ in size; neither may be empty or hold NaN.
   */
  public static double wasserstein1(double[] a, double[] b) {
    if (a.length == 0 || b.length == 0) {
      throw new IllegalArgumentException("Wasserstein distance of an empty sample");
    }
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    if (Double.isNaN(x[x.length - 1]) || Double.isNaN(y[y.length - 1])) {
      throw new IllegalArgumentException("Wasserstein distance of a sample holding NaN");
    }
    // Walk the merged breakpoints; between two consecutive ones both CDFs are constant.
    int i = 0;
    int j = 0;
    double total = 0;
    double previous = Math.min(x[0], y[0]);
    while (i < x.length || j < y.length) {
      double next;
      if (j >= y.length || (i < x.length && x[i] <= y[j])) {
        next = x[i];
      } else {
        next = y[j];
      }
      total += Math.abs((double) i / x.length - (double) j / y.length) * (next - previous);
      previous = next;
      while (i < x.length && x[i] == next) {
        i++;
      }
      while (j < y.length && y[j] == next) {
        j++;
      }
    }
    return total;
  }

  /** Mean and population standard deviation; {0, 0} for an empty array. */
  static double[] meanAndSd(double[] values) {
    if (values.length == 0) {
      return new double[] {0, 0};
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double var = 0;
    for (double v : values) {
      var += (v - mean) * (v - mean);
    }
    return new double[] {mean, Math.sqrt(var / values.length)};
  }
}
