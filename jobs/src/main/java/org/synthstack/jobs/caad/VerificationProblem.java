package org.synthstack.jobs.caad;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.synthstack.optimize.Bounds;
import org.synthstack.optimize.testfunctions.TestFunction;
import org.synthstack.optimize.testfunctions.TestFunctions;

/**
 * One verification problem of the seed paper's Table II: a toy black box with a known optimum, solved by EGO
 * (deterministic inputs only) or REGO (a design θ and a random input x ~ N(mean, variance)).
 *
 * <p>The REGO problems spread their initial design over the box {@code randomLower..randomUpper} in x (the seed's
 * D_r: x_E = [−1, 1] or x_H = [−1.9, 1.9]); afterwards x is drawn from p(X). The EGO problems treat every coordinate
 * as a design coordinate.
 *
 * @param label the seed's label ("1" .. "7")
 * @param method {@link Method#EGO} or {@link Method#REGO}
 * @param designDomain the seed's D_d, for tables
 * @param randomDomain the seed's D_r ("-" for EGO)
 * @param distribution p(X) for tables ("-" for EGO)
 * @param designLower lower corner of the design box (EGO: all coordinates)
 * @param designUpper upper corner of the design box
 * @param randomLower REGO: lower end of D_r (initial design only); unused for EGO
 * @param randomUpper REGO: upper end of D_r
 * @param randomMean REGO: mean of x
 * @param randomVariance REGO: variance of x
 * @param optima the known optima the distance is measured to (the nearest counts): EGO points in the design box,
 *     REGO values of θ* = argmin E_x[f(θ, x)]
 * @param function the black box: EGO gets the design point, REGO the joint point [θ, x]
 */
public record VerificationProblem(String label, Method method, String designDomain, String randomDomain,
    String distribution, double[] designLower, double[] designUpper, double randomLower, double randomUpper,
    double randomMean, double randomVariance, List<double[]> optima, Objective function) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Width of the dip the 1-D problem adds to its sine. */
  public static final double DIP_WIDTH = 0.1;
  /** Depth of that dip. */
  public static final double DIP_DEPTH = 1.5;

  public VerificationProblem {
    if (method != Method.EGO && method != Method.REGO) {
      throw new IllegalArgumentException("problem " + label + ": verification problems use EGO or REGO, got " + method);
    }
    new Bounds(designLower, designUpper); // validates
    if (method == Method.REGO) {
      if (designLower.length != 1) {
        throw new IllegalArgumentException("problem " + label + ": REGO problems have one design coordinate");
      }
      if (!(randomLower < randomUpper) || !(randomVariance > 0)) {
        throw new IllegalArgumentException("problem " + label + ": D_r needs lower < upper and p(X) a variance > 0");
      }
    }
    designLower = designLower.clone();
    designUpper = designUpper.clone();
    optima = optima.stream().map(double[]::clone).toList();
  }

  public Bounds designBounds() {
    return new Bounds(designLower, designUpper);
  }

  /** Model inputs: design coordinates, plus one random input for REGO. */
  public int modelDimension() {
    return designLower.length + (method == Method.REGO ? 1 : 0);
  }

  /** Euclidean distance from an estimate to the nearest known optimum. */
  public double distanceToOptimum(double[] estimate) {
    double nearest = Double.POSITIVE_INFINITY;
    for (double[] o : optima) {
      double s = 0;
      for (int i = 0; i < o.length; i++) {
        s += (estimate[i] - o[i]) * (estimate[i] - o[i]);
      }
      nearest = Math.min(nearest, Math.sqrt(s));
    }
    return nearest;
  }

  /**
   * The seven problems of the seed's Table II on the six-hump camel rotated as the domain notes define it, g(θ, x) =
   * f(x, −θ) ({@link TestFunctions#rotatedSixHumpCamel()}), and the 1-D {@link #sineWithDip}.
   *
   * <p>The seed's text uses the opposite rotation; with the domain notes' one, x ~ N(0.5, 0.01) favours θ* = +0.7365
   * and N(−0.5, 0.01) favours −0.7365, so problems 4 to 7 have the signs of the seed's targets flipped.
   */
  public static List<VerificationProblem> tableII() {
    TestFunction camel = TestFunctions.rotatedSixHumpCamel();
    List<double[]> camelMinima = camel.minimisers();
    Objective g = x -> rotatedCamel(x[0], x[1]);
    List<VerificationProblem> problems = new ArrayList<>();
    problems.add(new VerificationProblem("1", Method.EGO, "θ", "-", "-", new double[] {-1}, new double[] {1}, 0, 0, 0,
        0, List.of(new double[] {sineWithDipMinimiser()}), x -> sineWithDip(x[0])));
    problems.add(new VerificationProblem("2", Method.EGO, "θ, x_E", "-", "-", new double[] {-1, -1},
        new double[] {1, 1}, 0, 0, 0, 0, camelMinima, g));
    problems.add(new VerificationProblem("3", Method.EGO, "θ, x_H", "-", "-", new double[] {-1, -1.9},
        new double[] {1, 1.9}, 0, 0, 0, 0, camelMinima, g));
    double[][] rego = {{-1, 1, 0.5}, {-1, 1, -0.5}, {-1.9, 1.9, 0.5}, {-1.9, 1.9, -0.5}};
    for (int i = 0; i < rego.length; i++) {
      double mean = rego[i][2];
      String domain = rego[i][1] == 1 ? "x_E" : "x_H";
      problems.add(new VerificationProblem(String.valueOf(4 + i), Method.REGO, "θ", domain,
          "N(" + mean + ", 0.01)", new double[] {-1}, new double[] {1}, rego[i][0], rego[i][1], mean, 0.01,
          List.<double[]>of(new double[] {expectedCamelMinimiser(mean)}), g));
    }
    return List.copyOf(problems);
  }

  /** g(θ, x) = f(x, −θ), the six-hump camel rotated by 90° (domain notes §4). */
  public static double rotatedCamel(double theta, double x) {
    double x1 = x;
    double x2 = -theta;
    double x1s = x1 * x1;
    double x2s = x2 * x2;
    return (4 - 2.1 * x1s + x1s * x1s / 3) * x1s + x1 * x2 + (-4 + 4 * x2s) * x2s;
  }

  /**
   * Problem 1, "a sine wave on [−1, 1] with an extra minimum added around 0" (the seed's words; its formula is not
   * printed): {@code sin(2πθ) − 1.5·exp(−θ²/(2·0.1²))}. The dip makes the global minimum, about −1.63 near θ =
   * −0.045; the sine's own minima (−1.07 at −0.25, −1 at 0.75) are local.
   */
  public static double sineWithDip(double theta) {
    return Math.sin(2 * Math.PI * theta) - DIP_DEPTH * Math.exp(-0.5 * theta * theta / (DIP_WIDTH * DIP_WIDTH));
  }

  /** The global minimiser of {@link #sineWithDip}: a 1e-3 scan of [−1, 1], then Newton on the derivative. */
  public static double sineWithDipMinimiser() {
    double best = -1;
    for (int i = 0; i <= 2000; i++) {
      double t = -1 + i * 1e-3;
      if (sineWithDip(t) < sineWithDip(best)) {
        best = t;
      }
    }
    double s2 = DIP_WIDTH * DIP_WIDTH;
    for (int step = 0; step < 50; step++) {
      double gauss = DIP_DEPTH * Math.exp(-0.5 * best * best / s2);
      double d1 = 2 * Math.PI * Math.cos(2 * Math.PI * best) + gauss * best / s2;
      double d2 = -4 * Math.PI * Math.PI * Math.sin(2 * Math.PI * best) + gauss / s2 * (1 - best * best / s2);
      best -= d1 / d2;
    }
    return best;
  }

  /**
   * θ* = argmin E_x[g(θ, x)] for x with mean μ (any variance). In θ, E_x[g] = const − μθ − 4θ² + 4θ⁴, so θ* is the
   * root of 16θ³ − 8θ − μ = 0 whose sign is that of μ (the deeper of the two minima); Newton from ±0.75.
   */
  public static double expectedCamelMinimiser(double mean) {
    double theta = mean >= 0 ? 0.75 : -0.75;
    for (int step = 0; step < 50; step++) {
      theta -= (16 * theta * theta * theta - 8 * theta - mean) / (48 * theta * theta - 8);
    }
    return theta;
  }
}
