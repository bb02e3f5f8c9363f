package org.synthstack.jobs.caad;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.synthstack.caad.ExpectedLoss;
import org.synthstack.caad.InstanceLoss;
import org.synthstack.caad.InstanceSet;
import org.synthstack.optimize.BatchObjective;

/**
 * The expected loss EL(θ) = Σ_k w_k L(θ, SNR_k) as a {@link BatchObjective} whose single-instance losses run as Spark
 * tasks: a batch of P points (all new points of a DIRECT iteration, say) becomes one Spark job over the P × K
 * (point, instance) cells, split into contiguous slices. The driver combines each point's K losses with {@link
 * ExpectedLoss#weightedMean} in instance order, so the result is bit-identical to {@link ExpectedLoss#of} computed
 * sequentially (L is a pure function; see {@link InstanceLoss}).
 *
 * <p>The speech and settings travel once per executor as a broadcast; each executor builds the problem once ({@link
 * NoiseProblemSpec#problem()}). A failed task fails the Spark job, which fails the optimiser run: a loss that cannot
 * be computed is an error, not a NaN. A loss that comes back NaN is passed on as NaN, which the optimiser records
 * and penalises.
 */
public final class SparkExpectedLoss implements BatchObjective {
  private final JavaSparkContext context;
  private final Broadcast<NoiseProblemSpec> spec;
  private final InstanceSet instances;
  private final int slices;
  private int jobs;
  private long lossEvaluations;
  private long tasks;
  private double seconds;

  /**
   * @param slices Spark tasks per batch at most (fewer when the batch has fewer cells); 0 means the context's
   *     default parallelism
   */
  public SparkExpectedLoss(SparkSession spark, Broadcast<NoiseProblemSpec> spec, InstanceSet instances, int slices) {
    this.context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.spec = spec;
    this.instances = instances;
    this.slices = slices > 0 ? slices : context.defaultParallelism();
  }

  @Override
  public double[] evaluate(List<double[]> points) {
    long started = System.nanoTime();
    int p = points.size();
    int k = instances.size();
    double[] thetas = new double[p];
    for (int i = 0; i < p; i++) {
      double[] point = points.get(i);
      if (point.length != 1) {
        throw new IllegalArgumentException("point must be [gainFloorDb] (1 coordinate), got " + point.length);
      }
      thetas[i] = point[0];
    }
    List<Integer> cells = new ArrayList<>(p * k);
    for (int c = 0; c < p * k; c++) {
      cells.add(c);
    }
    int taskCount = Math.min(slices, p * k);
    List<double[]> results = context.parallelize(cells, taskCount)
        .mapPartitions(new LossCells(spec, thetas, instances.snrDb()))
        .collect();
    double[][] losses = new double[p][k];
    for (double[] r : results) {
      int cell = (int) r[0];
      losses[cell / k][cell % k] = r[1];
    }
    double[] weights = instances.weights();
    double[] values = new double[p];
    for (int i = 0; i < p; i++) {
      values[i] = ExpectedLoss.weightedMean(losses[i], weights);
    }
    jobs++;
    tasks += taskCount;
    lossEvaluations += (long) p * k;
    seconds += (System.nanoTime() - started) / 1e9;
    return values;
  }

  /** Spark jobs run so far (one per batch). */
  public int jobs() {
    return jobs;
  }

  /** Spark tasks run so far. */
  public long tasks() {
    return tasks;
  }

  /** Single-instance losses evaluated so far. */
  public long lossEvaluations() {
    return lossEvaluations;
  }

  /** Wall time spent in batches so far, s. */
  public double seconds() {
    return seconds;
  }

  /** Computes the cells of one slice: cell c is point c / K at instance c % K. Emits {c, L}. */
  static final class LossCells implements FlatMapFunction<Iterator<Integer>, double[]> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<NoiseProblemSpec> spec;
    private final double[] thetas;
    private final double[] snrDb;

    LossCells(Broadcast<NoiseProblemSpec> spec, double[] thetas, double[] snrDb) {
      this.spec = spec;
      this.thetas = thetas;
      this.snrDb = snrDb;
    }

    @Override
    public Iterator<double[]> call(Iterator<Integer> cells) {
      InstanceLoss loss = spec.value().problem().instanceLoss();
      int k = snrDb.length;
      List<double[]> out = new ArrayList<>();
      while (cells.hasNext()) {
        int c = cells.next();
        out.add(new double[] {c, loss.loss(thetas[c / k], snrDb[c % k])});
      }
      return out.iterator();
    }
  }
}
