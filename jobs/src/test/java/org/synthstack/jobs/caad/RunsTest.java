package org.synthstack.jobs.caad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthstack.optimize.direct.DirectVariant;
import org.synthstack.optimize.testfunctions.TestFunctions;

class RunsTest {
  private static final List<VerificationProblem> TABLE = VerificationProblem.tableII();

  @Test
  void aRegoRepetitionHasOneRowPerIterationAndStartsOverTheRandomDomain() {
    VerificationProblem p = TABLE.get(5); // REGO, x_H = [−1.9, 1.9], N(0.5, 0.01)
    RunResult r = Runs.verify(p, 0, 7, 10, 6);

    assertThat(r.trajectory()).hasSize(7);
    assertThat(r.evaluations()).hasSize(16);
    for (int t = 0; t < 7; t++) {
      TrajectoryPoint point = r.trajectory().get(t);
      assertThat(point.iteration()).isEqualTo(t);
      assertThat(point.lossEvaluations()).isEqualTo(10 + t);
      assertThat(point.estimate()).hasSize(1);
      assertThat(point.distance()).isCloseTo(Math.abs(point.estimate()[0] - p.optima().get(0)[0]), within(1e-15));
    }
    assertThat(r.last().distanceToFinal()).isZero();
    // The initial design spreads x over D_r, far beyond p(X)'s 0.5 ± 0.3; later x come from p(X).
    double[] initialX = r.evaluations().subList(0, 10).stream().mapToDouble(e -> e.point()[1]).toArray();
    for (double x : initialX) {
      assertThat(x).isBetween(-1.9, 1.9);
    }
    assertThat(java.util.Arrays.stream(initialX).min().orElseThrow()).isLessThan(-1.0);
    assertThat(r.evaluations().subList(10, 16)).allSatisfy(e -> assertThat(e.point()[1]).isBetween(0.0, 1.0));
    // Same seed, same run.
    RunResult again = Runs.verify(p, 0, 7, 10, 6);
    for (int t = 0; t < 7; t++) {
      assertThat(again.trajectory().get(t).estimate()).containsExactly(r.trajectory().get(t).estimate());
      assertThat(again.trajectory().get(t).estimateSd()).isEqualTo(r.trajectory().get(t).estimateSd());
    }
  }

  @Test
  void anEgoTrajectoryFollowsTheBestObservation() {
    RunResult r = Runs.verify(TABLE.get(1), 0, 3, 10, 5);

    assertThat(r.trajectory()).hasSize(6);
    for (int t = 1; t < r.trajectory().size(); t++) {
      assertThat(r.trajectory().get(t).estimateValue()).isLessThanOrEqualTo(r.trajectory().get(t - 1).estimateValue());
    }
    double best = r.evaluations().stream().mapToDouble(EvaluationRecord::value).min().orElseThrow();
    assertThat(r.last().estimateValue()).isEqualTo(best);
    assertThat(r.last().estimate()).hasSize(2);
  }

  @Test
  void failedEvaluationsAreCountedAndNeverTheAnswer() {
    VerificationProblem base = TABLE.get(0);
    VerificationProblem failing = new VerificationProblem("nan", Method.EGO, "θ", "-", "-", base.designLower(),
        base.designUpper(), 0, 0, 0, 0, base.optima(), x -> x[0] > 0.5 ? Double.NaN : VerificationProblem.sineWithDip(x[0]));

    RunResult r = Runs.verify(failing, 0, 11, 5, 10);

    int failed = (int) r.evaluations().stream().filter(e -> !Double.isFinite(e.value())).count();
    assertThat(failed).isPositive();
    assertThat(r.failedEvaluations()).isEqualTo(failed);
    assertThat(r.last().failedEvaluations()).isEqualTo(failed);
    assertThat(r.trajectory()).allSatisfy(t -> {
      assertThat(t.estimate()[0]).isLessThanOrEqualTo(0.5);
      assertThat(t.estimateValue()).isFinite();
    });
  }

  @Test
  void directOnATestFunctionRecordsPercentErrorPerEvaluation() {
    RunResult r = Runs.directOnTestFunction(TestFunctions.branin(), DirectVariant.ORIGINAL, 20_000, 0.01);

    assertThat(r.method()).isEqualTo(Method.DIRECT);
    assertThat(r.trajectory()).hasSize(r.evaluations().size());
    assertThat(r.last().percentError()).isBetween(0.0, 0.01);
    assertThat(r.trajectory().get(0).lossEvaluations()).isEqualTo(1);
    assertThat(r.trajectory().get(r.trajectory().size() - 2).percentError()).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void lossEvaluationsToStayWithinATolerance() {
    double[] distances = {3, 0.2, 0.7, 0.3, 0.1, 0.0};
    List<TrajectoryPoint> t = new java.util.ArrayList<>();
    for (int i = 0; i < distances.length; i++) {
      t.add(new TrajectoryPoint(i, i + 1, 50L * (i + 1), new double[] {0}, 0, 0, distances[i], distances[i],
          Double.NaN, 0, 0));
    }
    RunResult r = new RunResult("x", Method.DIRECT, 0, 0, t, List.of(), 0);

    assertThat(Convergence.lossEvaluationsToStayWithin(r, TrajectoryPoint::distance, 0.5)).isEqualTo(200);
    assertThat(Convergence.lossEvaluationsToStayWithin(r, TrajectoryPoint::distance, 1.0)).isEqualTo(100);
    assertThat(Convergence.lossEvaluationsToStayWithin(r, TrajectoryPoint::distance, 0.05)).isEqualTo(300);
    RunResult notThere = new RunResult("x", Method.DIRECT, 0, 0, t.subList(0, 3), List.of(), 0);
    assertThat(Convergence.lossEvaluationsToStayWithin(notThere, TrajectoryPoint::distance, 0.5)).isEqualTo(-1);
  }

  @Test
  void bandsAreMeansAndQuartilesAcrossRepetitions() {
    List<RunResult> runs = new java.util.ArrayList<>();
    for (double d : new double[] {1, 2, 3, 4}) {
      runs.add(new RunResult("x", Method.REGO, 0, 0, List.of(
          new TrajectoryPoint(0, 10, 10, new double[] {0}, 0, 0, d, 0, Double.NaN, 0, 0),
          new TrajectoryPoint(1, 11, 11, new double[] {0}, 0, 0, d / 10, 0, Double.NaN, 0, 0)), List.of(), 0));
    }
    Convergence.Band band = Convergence.of(runs, TrajectoryPoint::lossEvaluations, TrajectoryPoint::distance);

    assertThat(band.x()).containsExactly(10, 11);
    assertThat(band.mean()[0]).isEqualTo(2.5);
    assertThat(band.low()[0]).isEqualTo(1.75);
    assertThat(band.high()[0]).isEqualTo(3.25);
    assertThat(band.mean()[1]).isCloseTo(0.25, within(1e-15));
  }
}
