package org.synthstack.jobs.caad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthstack.optimize.testfunctions.TestFunctions;

class VerificationProblemTest {
  private static final List<VerificationProblem> TABLE = VerificationProblem.tableII();

  /** E_x[g(θ, x)] for x ~ N(mean, variance) by the trapezoid rule over mean ± 10σ. */
  private static double expectedCamel(double theta, double mean, double variance) {
    double sd = Math.sqrt(variance);
    int n = 4000;
    double h = 20 * sd / n;
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double x = mean - 10 * sd + i * h;
      double w = Math.exp(-0.5 * (x - mean) * (x - mean) / variance) / Math.sqrt(2 * Math.PI * variance);
      sum += (i == 0 || i == n ? 0.5 : 1) * w * VerificationProblem.rotatedCamel(theta, x);
    }
    return sum * h;
  }

  @Test
  void tableTwoHasTheSeedsSevenProblems() {
    assertThat(TABLE).extracting(VerificationProblem::label).containsExactly("1", "2", "3", "4", "5", "6", "7");
    assertThat(TABLE).extracting(VerificationProblem::method).containsExactly(Method.EGO, Method.EGO, Method.EGO,
        Method.REGO, Method.REGO, Method.REGO, Method.REGO);
    assertThat(TABLE.get(2).designUpper()).containsExactly(1, 1.9);
    assertThat(TABLE.get(1).designUpper()).containsExactly(1, 1);
    assertThat(TABLE.get(5).randomLower()).isEqualTo(-1.9);
    assertThat(TABLE.get(3).randomUpper()).isEqualTo(1);
    assertThat(TABLE.stream().mapToInt(VerificationProblem::modelDimension)).containsExactly(1, 2, 2, 2, 2, 2, 2);
    // The seed's initial design, 5(n + m).
    assertThat(TABLE.stream().mapToInt(p -> Runs.seedInitialDesign(p.modelDimension())))
        .containsExactly(5, 10, 10, 10, 10, 10, 10);
  }

  @Test
  void theRotationIsTheDomainNotesOne() {
    var rotated = TestFunctions.rotatedSixHumpCamel();
    for (double[] p : new double[][] {{0.3, -0.7}, {-0.9, 1.5}, {0.7127, 0.0898}}) {
      assertThat(VerificationProblem.rotatedCamel(p[0], p[1])).isEqualTo(rotated.value(p));
    }
    // Problems 2 and 3 are EGO on that function: both global minima are inside both boxes.
    assertThat(TABLE.get(1).optima()).hasSize(2);
    assertThat(TABLE.get(1).distanceToOptimum(new double[] {-0.7126564030, -0.0898420171})).isLessThan(1e-9);
  }

  @Test
  void regoTargetsAreTheMinimaOfTheNumericallyIntegratedExpectedLoss() {
    for (VerificationProblem p : TABLE.subList(3, 7)) {
      // A 1e-2 scan of [−1, 1], then a 1e-5 scan of ± 0.01 around its best.
      double best = Double.NaN;
      double bestValue = Double.POSITIVE_INFINITY;
      for (int i = 0; i <= 200; i++) {
        double theta = -1 + i * 1e-2;
        double el = expectedCamel(theta, p.randomMean(), p.randomVariance());
        if (el < bestValue) {
          bestValue = el;
          best = theta;
        }
      }
      double coarse = best;
      for (int i = -1000; i <= 1000; i++) {
        double theta = coarse + i * 1e-5;
        double el = expectedCamel(theta, p.randomMean(), p.randomVariance());
        if (el < bestValue) {
          bestValue = el;
          best = theta;
        }
      }
      double target = p.optima().get(0)[0];
      assertThat(target).as("problem %s", p.label()).isCloseTo(best, within(2e-5));
      // +0.7365 for N(0.5, 0.01) under the domain notes' rotation; the sign flips with the mean.
      assertThat(target).isCloseTo(Math.signum(p.randomMean()) * 0.7365, within(5e-4));
    }
  }

  @Test
  void theOneDimensionalProblemHasItsGlobalMinimumInTheDipNearZero() {
    double m = VerificationProblem.sineWithDipMinimiser();
    assertThat(m).isBetween(-0.1, 0.0);
    double fm = VerificationProblem.sineWithDip(m);
    for (int i = 0; i <= 200_000; i++) {
      assertThat(VerificationProblem.sineWithDip(-1 + i * 1e-5)).isGreaterThanOrEqualTo(fm - 1e-12);
    }
    // The sine's own minimum at −0.25 is a real, but worse, competitor.
    assertThat(VerificationProblem.sineWithDip(-0.25)).isBetween(fm + 0.3, -1.0);
    assertThat(TABLE.get(0).optima().get(0)).containsExactly(m);
  }
}
