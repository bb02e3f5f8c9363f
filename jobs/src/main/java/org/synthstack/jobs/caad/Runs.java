package org.synthstack.jobs.caad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.synthstack.caad.InstanceSet;
import org.synthstack.caad.NoiseReductionProblem;
import org.synthstack.optimize.BatchObjective;
import org.synthstack.optimize.Bounds;
import org.synthstack.optimize.Evaluation;
import org.synthstack.optimize.IterationDiagnostics;
import org.synthstack.optimize.OptimizationResult;
import org.synthstack.optimize.SurrogateIteration;
import org.synthstack.optimize.bayes.Ego;
import org.synthstack.optimize.bayes.GaussianInputs;
import org.synthstack.optimize.bayes.Rego;
import org.synthstack.optimize.bayes.SurrogateOptions;
import org.synthstack.optimize.direct.Direct;
import org.synthstack.optimize.direct.DirectOptions;
import org.synthstack.optimize.direct.DirectVariant;
import org.synthstack.optimize.numeric.LatinHypercube;
import org.synthstack.optimize.testfunctions.TestFunction;

/**
 * Single optimiser runs of the caad experiments, and their trajectories. Pure Java: a Spark task calls one of these
 * per repetition, and tests call them directly.
 *
 * <p>Surrogate runs (EGO, REGO) use {@link SurrogateOptions#defaults} (Matérn 5/2 on the design, squared exponential
 * on REGO's random input, multi-start quasi-Newton acquisition) with one point per iteration. Their trajectory has
 * one row per iteration t = 0..T: the answer of the model fitted to the initial design plus t evaluations. DIRECT's
 * trajectory has one row per objective evaluation.
 */
public final class Runs {
  private static final int DESIGN_TRIES = 20;

  private Runs() {}

  /** The seed paper's initial design: 5 points per model input dimension (design and random inputs together). */
  public static int seedInitialDesign(int modelDimension) {
    return 5 * modelDimension;
  }

  /**
   * One repetition of a Table II problem: {@code initialDesign} points, then {@code iterations} single-point
   * iterations. REGO's initial design is a maximin Latin hypercube over D_d × D_r; later x come from p(X).
   */
  public static RunResult verify(VerificationProblem problem, int repetition, long seed, int initialDesign,
      int iterations) {
    long started = System.nanoTime();
    Bounds bounds = problem.designBounds();
    SurrogateOptions options = options(problem.modelDimension(), initialDesign, iterations, seed);
    BatchObjective objective = BatchObjective.sequential(problem.function());
    OptimizationResult result;
    List<TrajectoryPoint> trajectory;
    if (problem.method() == Method.EGO) {
      result = Ego.minimizeBatch(objective, bounds, options);
      trajectory = egoTrajectory(result, initialDesign, problem::distanceToOptimum);
    } else {
      SplittableRandom random = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
      List<double[]> design = new ArrayList<>();
      for (double[] u : LatinHypercube.maximin(initialDesign, 2, DESIGN_TRIES, random)) {
        design.add(new double[] {bounds.fromUnit(new double[] {u[0]})[0],
            problem.randomLower() + u[1] * (problem.randomUpper() - problem.randomLower())});
      }
      GaussianInputs inputs = new GaussianInputs(new double[] {problem.randomMean()},
          new double[] {problem.randomVariance()});
      result = Rego.minimizeBatch(objective, bounds, inputs, options, design);
      trajectory = regoTrajectory(result, initialDesign, problem::distanceToOptimum);
    }
    return new RunResult(problem.label(), problem.method(), repetition, seed, trajectory, records(result),
        seconds(started));
  }

  /**
   * One REGO repetition on the noise-reduction problem, with the finite instance set as p(X) (the exact
   * finite-instance projection: the model's EL is the same weighted sum DIRECT evaluates).
   *
   * @param referenceOptimum θ* from a dense scan of EL, for {@link TrajectoryPoint#distance()}
   */
  public static RunResult regoOnNoise(String label, NoiseReductionProblem problem, Bounds bounds,
      InstanceSet instances, int repetition, long seed, int initialDesign, int iterations, double referenceOptimum) {
    long started = System.nanoTime();
    SurrogateOptions options = options(2, initialDesign, iterations, seed);
    OptimizationResult result = Rego.minimizeBatch(BatchObjective.sequential(problem.jointLoss()), bounds,
        instances.toWeightedInstances(), options);
    List<TrajectoryPoint> trajectory =
        regoTrajectory(result, initialDesign, estimate -> Math.abs(estimate[0] - referenceOptimum));
    return new RunResult(label, Method.REGO, repetition, seed, trajectory, records(result), seconds(started));
  }

  /**
   * DIRECT on an expected loss evaluated through {@code expectedLoss} (for example fanned out over Spark), stopping
   * after {@code maxEvaluations} evaluations of EL.
   *
   * @param lossesPerEvaluation K, the single-instance losses each EL evaluation costs
   */
  public static RunResult directOnExpectedLoss(String label, BatchObjective expectedLoss, Bounds bounds,
      int maxEvaluations, int lossesPerEvaluation, double referenceOptimum) {
    long started = System.nanoTime();
    OptimizationResult result = Direct.minimizeBatch(expectedLoss, bounds, DirectOptions.budget(maxEvaluations));
    List<TrajectoryPoint> trajectory = directTrajectory(result, lossesPerEvaluation,
        estimate -> Math.abs(estimate[0] - referenceOptimum), Double.NaN);
    return new RunResult(label, Method.DIRECT, 0, 0, trajectory, records(result), seconds(started));
  }

  /** DIRECT or DIRECT-L on a test function until the percent error is below {@code percentError}. */
  public static RunResult directOnTestFunction(TestFunction function, DirectVariant variant, int maxEvaluations,
      double percentError) {
    long started = System.nanoTime();
    OptimizationResult result = Direct.minimize(function.function(), function.bounds(),
        DirectOptions.budget(maxEvaluations).withVariant(variant)
            .stopWithinPercentOf(function.globalMinimum(), percentError));
    List<TrajectoryPoint> trajectory =
        directTrajectory(result, 1, function::distanceToNearestMinimiser, function.globalMinimum());
    Method method = variant == DirectVariant.ORIGINAL ? Method.DIRECT : Method.DIRECT_L;
    return new RunResult(function.name(), method, 0, 0, trajectory, records(result), seconds(started));
  }

  static SurrogateOptions options(int modelDimension, int initialDesign, int iterations, long seed) {
    return SurrogateOptions.defaults(modelDimension, initialDesign + iterations).withInitialDesignSize(initialDesign)
        .withSeed(seed);
  }

  /** EGO: at step t the best observation among the first N₀ + t evaluations. */
  static List<TrajectoryPoint> egoTrajectory(OptimizationResult result, int initialDesign,
      ToDoubleFunction<double[]> distance) {
    List<Evaluation> history = result.history();
    List<SurrogateIteration> models = surrogateIterations(result);
    List<TrajectoryPoint> points = new ArrayList<>();
    for (int n = Math.min(initialDesign, history.size()); n <= history.size(); n++) {
      int t = n - initialDesign;
      Evaluation best = bestObserved(history, n);
      SurrogateIteration model = t < models.size() ? models.get(t) : null;
      points.add(new TrajectoryPoint(t, n, n, best.point(), best.value(),
          model != null ? model.incumbentStandardDeviation() : Double.NaN, distance.applyAsDouble(best.point()),
          Double.NaN, Double.NaN, failed(history, n), model != null ? model.jitter() : Double.NaN));
    }
    return withDistanceToFinal(points);
  }

  /** REGO: at step t the argmin of ẑ of the model fitted to the first N₀ + t evaluations. */
  static List<TrajectoryPoint> regoTrajectory(OptimizationResult result, int initialDesign,
      ToDoubleFunction<double[]> distance) {
    List<Evaluation> history = result.history();
    List<SurrogateIteration> models = surrogateIterations(result);
    List<TrajectoryPoint> points = new ArrayList<>();
    for (int t = 0; t < models.size(); t++) {
      SurrogateIteration model = models.get(t);
      int n = Math.min(initialDesign + t, history.size());
      double[] estimate = model.incumbent();
      points.add(new TrajectoryPoint(t, n, n, estimate, model.incumbentValue(), model.incumbentStandardDeviation(),
          distance.applyAsDouble(estimate), Double.NaN, Double.NaN, failed(history, n), model.jitter()));
    }
    return withDistanceToFinal(points);
  }

  /** DIRECT: after each objective evaluation, the best observation so far. */
  static List<TrajectoryPoint> directTrajectory(OptimizationResult result, int lossesPerEvaluation,
      ToDoubleFunction<double[]> distance, double globalMinimum) {
    List<Evaluation> history = result.history();
    List<TrajectoryPoint> points = new ArrayList<>();
    for (int n = 1; n <= history.size(); n++) {
      Evaluation best = bestObserved(history, n);
      double percentError = Double.NaN;
      if (!Double.isNaN(globalMinimum) && Double.isFinite(best.value())) {
        percentError = globalMinimum == 0 ? 100 * best.value()
            : 100 * (best.value() - globalMinimum) / Math.abs(globalMinimum);
      }
      points.add(new TrajectoryPoint(history.get(n - 1).iteration(), n, (long) n * lossesPerEvaluation,
          best.point(), best.value(), Double.NaN, distance.applyAsDouble(best.point()), Double.NaN, percentError,
          failed(history, n), Double.NaN));
    }
    return withDistanceToFinal(points);
  }

  private static List<TrajectoryPoint> withDistanceToFinal(List<TrajectoryPoint> points) {
    if (points.isEmpty()) {
      return points;
    }
    double[] last = points.get(points.size() - 1).estimate();
    List<TrajectoryPoint> out = new ArrayList<>(points.size());
    for (TrajectoryPoint p : points) {
      double[] e = p.estimate();
      double s = 0;
      for (int i = 0; i < e.length; i++) {
        s += (e[i] - last[i]) * (e[i] - last[i]);
      }
      out.add(new TrajectoryPoint(p.iteration(), p.objectiveEvaluations(), p.lossEvaluations(), e, p.estimateValue(),
          p.estimateSd(), p.distance(), Math.sqrt(s), p.percentError(), p.failedEvaluations(), p.jitter()));
    }
    return out;
  }

  /** The best finite evaluation among the first n (the first on ties), or the first evaluation if none is finite. */
  private static Evaluation bestObserved(List<Evaluation> history, int n) {
    Evaluation best = null;
    for (int i = 0; i < n; i++) {
      Evaluation e = history.get(i);
      if (e.isFinite() && (best == null || e.value() < best.value())) {
        best = e;
      }
    }
    return best != null ? best : new Evaluation(0, 0, history.get(0).point(), Double.NaN);
  }

  private static int failed(List<Evaluation> history, int n) {
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (!history.get(i).isFinite()) {
        count++;
      }
    }
    return count;
  }

  private static List<SurrogateIteration> surrogateIterations(OptimizationResult result) {
    List<SurrogateIteration> models = new ArrayList<>();
    for (IterationDiagnostics d : result.iterations()) {
      if (d instanceof SurrogateIteration s) {
        models.add(s);
      }
    }
    return models;
  }

  static List<EvaluationRecord> records(OptimizationResult result) {
    List<EvaluationRecord> records = new ArrayList<>(result.history().size());
    for (Evaluation e : result.history()) {
      records.add(new EvaluationRecord(e.index(), e.iteration(), e.point(), e.value()));
    }
    return records;
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  static String format(double[] point) {
    return Arrays.toString(point);
  }
}
