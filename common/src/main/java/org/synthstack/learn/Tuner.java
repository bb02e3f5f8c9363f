package org.synthstack.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.synthstack.optimize.BatchObjective;
import org.synthstack.optimize.Bounds;
import org.synthstack.optimize.bayes.BatchStrategy;
import org.synthstack.optimize.bayes.Ego;
import org.synthstack.optimize.bayes.SurrogateOptions;

/**
 * Searches {@link SearchSpace} for the autoencoder with the lowest test loss, by batch EGO or by random search with the
 * same budget and batch size. Trials are evaluated a batch at a time through a {@link TrialRunner}, which may spread
 * them over a cluster.
 *
 * <p>EGO models log₁₀(test loss): losses span orders of magnitude between good and poor settings, and the GP fits the
 * log far better. A failed trial reaches EGO as NaN, which the project's {@code EvaluationLog} replaces by a penalty
 * above the worst finite value, so the search goes on and steers away from it.
 */
public final class Tuner {
  /** Evaluates a batch of trials, one outcome per trial in order. */
  @FunctionalInterface
  public interface TrialRunner {
    List<TrialOutcome> run(List<Hyperparameters> trials);
  }

  public enum Strategy {
    EGO,
    RANDOM
  }

  /**
   * @param budget trials in all
   * @param batchSize trials per batch (EGO: points per iteration, kriging believer)
   * @param initialDesign EGO's Latin-hypercube start (ignored by random search)
   */
  public record Settings(int budget, int batchSize, int initialDesign, long seed) {
    public Settings {
      if (budget < 1 || batchSize < 1 || initialDesign < 1 || initialDesign > budget) {
        throw new IllegalArgumentException("need budget ≥ initialDesign ≥ 1 and batchSize ≥ 1: " + budget + ", "
            + initialDesign + ", " + batchSize);
      }
    }
  }

  private Tuner() {}

  public static List<TrialRecord> search(Strategy strategy, Settings settings, TrialRunner runner) {
    List<TrialRecord> records = new ArrayList<>();
    int[] batch = {0};
    BatchObjective objective = points -> {
      List<Hyperparameters> trials = new ArrayList<>(points.size());
      for (double[] p : points) {
        trials.add(SearchSpace.decode(p));
      }
      List<TrialOutcome> outcomes = runner.run(trials);
      if (outcomes.size() != trials.size()) {
        throw new IllegalStateException("the runner returned " + outcomes.size() + " outcomes for " + trials.size()
            + " trials");
      }
      double[] values = new double[points.size()];
      for (int i = 0; i < values.length; i++) {
        TrialOutcome o = outcomes.get(i);
        boolean failed = o.failed() || !(o.loss() > 0) || Double.isInfinite(o.loss());
        double loss = failed ? Double.NaN : o.loss();
        records.add(new TrialRecord(strategy.name(), records.size(), batch[0], points.get(i).clone(), trials.get(i),
            loss, failed, failed && o.message().isEmpty() ? "non-finite loss" : o.message(), o.seconds()));
        values[i] = failed ? Double.NaN : Math.log10(loss);
      }
      batch[0]++;
      return values;
    };
    Bounds cube = Bounds.cube(SearchSpace.DIMENSION, 0, 1);
    if (strategy == Strategy.EGO) {
      // defaults() asks for 5 design points per dimension (45): most of a 50-trial budget. Start from the given size.
      SurrogateOptions options = SurrogateOptions.defaults(SearchSpace.DIMENSION, Math.max(settings.budget(),
              5 * SearchSpace.DIMENSION))
          .withInitialDesignSize(settings.initialDesign())
          .withMaxEvaluations(settings.budget())
          .withBatch(settings.batchSize(), BatchStrategy.KRIGING_BELIEVER)
          .withSeed(settings.seed());
      // The initial design goes out in batches too, so that it keeps the cluster as busy as later iterations.
      BatchObjective batched = points -> {
        double[] values = new double[points.size()];
        for (int from = 0; from < points.size(); from += settings.batchSize()) {
          List<double[]> part = points.subList(from, Math.min(points.size(), from + settings.batchSize()));
          System.arraycopy(objective.evaluate(part), 0, values, from, part.size());
        }
        return values;
      };
      Ego.minimizeBatch(batched, cube, options);
    } else {
      SplittableRandom random = new SplittableRandom(settings.seed());
      while (records.size() < settings.budget()) {
        int q = Math.min(settings.batchSize(), settings.budget() - records.size());
        List<double[]> points = new ArrayList<>(q);
        for (int i = 0; i < q; i++) {
          double[] u = new double[SearchSpace.DIMENSION];
          for (int d = 0; d < u.length; d++) {
            u[d] = random.nextDouble();
          }
          points.add(u);
        }
        objective.evaluate(points);
      }
    }
    return records;
  }

  /** Best finite loss after each trial (NaN until the first success). */
  public static double[] bestSoFar(List<TrialRecord> records) {
    double[] best = new double[records.size()];
    double b = Double.NaN;
    for (int i = 0; i < best.length; i++) {
      double l = records.get(i).loss();
      if (!records.get(i).failed() && (Double.isNaN(b) || l < b)) {
        b = l;
      }
      best[i] = b;
    }
    return best;
  }

  /** The number of trials after which the best loss is within {@code fraction} of {@code target}; -1 if never. */
  public static int trialsToWithin(List<TrialRecord> records, double target, double fraction) {
    double[] best = bestSoFar(records);
    for (int i = 0; i < best.length; i++) {
      if (best[i] <= target * (1 + fraction)) {
        return i + 1;
      }
    }
    return -1;
  }
}
