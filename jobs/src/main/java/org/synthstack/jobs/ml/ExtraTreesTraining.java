package org.synthstack.jobs.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.synthstack.synth.SplitMix64;

/**
 * Grows a forest across Spark executors: the {@link TrainingSet} is broadcast once, and task {@code k} of
 * {@code T} grows trees {@code [k N / T, (k + 1) N / T)} one after the other with one reused
 * {@link ExtraTreeBuilder}. Tree {@code t} draws from {@code SplitMix64.forStream(seed, t)} alone, so the forest
 * is the same for any number of tasks or executors. The trees come back to the driver ({@code spark.driver.maxResultSize}
 * bounds the forest: at most {@code numTrees x (24 rows + 4 rows x classes)} bytes, far less in practice).
 */
public final class ExtraTreesTraining {
  private static final Logger LOG = LoggerFactory.getLogger(ExtraTreesTraining.class);

  /** The forest and its feature importances (mean over trees of each tree's normalised decreases, normalised). */
  public record Result(Forest forest, double[] featureImportances) {}

  private ExtraTreesTraining() {}

  /** Grows {@code numTrees} trees in {@code numTasks} Spark tasks (0 = default parallelism, at most numTrees). */
  public static Result train(SparkContext sc, TrainingSet data, ExtraTreeBuilder.Settings settings, int numTrees,
      int numTasks, long seed) {
    int tasks = numTasks > 0 ? Math.min(numTasks, numTrees) : Math.max(1, Math.min(sc.defaultParallelism(), numTrees));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    long started = System.nanoTime();
    Broadcast<TrainingSet> broadcast = jsc.broadcast(data);
    String previousDescription = sc.getLocalProperty("spark.job.description");
    List<TreeBatch> batches;
    try {
      sc.setJobDescription("ExtraTreesClassifier: " + numTrees + " trees on " + data.rows + " rows x "
          + data.features + " features in " + tasks + " tasks");
      List<Integer> taskIds = IntStream.range(0, tasks).boxed().toList();
      batches = new ArrayList<>(jsc.parallelize(taskIds, tasks)
          .map(new GrowTrees(broadcast, settings, numTrees, tasks, seed)).collect());
    } finally {
      sc.setJobDescription(previousDescription);
      broadcast.destroy();
    }
    Result result = assemble(batches, data.features, data.classes, numTrees);
    LOG.info("ExtraTreesClassifier: {} trees, {} nodes ({} MB) in {} tasks, {} s", numTrees,
        result.forest().totalNodes(), result.forest().bytes() >> 20, tasks,
        String.format("%.2f", (System.nanoTime() - started) / 1e9));
    return result;
  }

  /** Grows trees {@code [first, end)} locally, without Spark (tests and benchmarks). */
  public static TreeBatch growLocally(TrainingSet data, ExtraTreeBuilder.Settings settings, int first, int end,
      long seed) {
    ExtraTreeBuilder builder = new ExtraTreeBuilder(data, settings);
    TreeArrays[] trees = new TreeArrays[end - first];
    double[][] importances = new double[end - first][];
    for (int t = first; t < end; t++) {
      double[] imp = new double[data.features];
      trees[t - first] = builder.build(SplitMix64.forStream(seed, t), imp);
      importances[t - first] = imp;
    }
    return new TreeBatch(first, trees, importances);
  }

  /** Concatenates batches in tree order; importances are summed in tree order, so they too do not depend on T. */
  public static Result assemble(List<TreeBatch> batches, int numFeatures, int numClasses, int numTrees) {
    List<TreeBatch> sorted = new ArrayList<>(batches);
    sorted.sort(Comparator.comparingInt(TreeBatch::firstTree));
    List<TreeArrays> trees = new ArrayList<>(numTrees);
    double[] importances = new double[numFeatures];
    for (TreeBatch batch : sorted) {
      if (batch.firstTree() != trees.size()) {
        throw new IllegalStateException("tree batches are not contiguous at tree " + trees.size());
      }
      for (int i = 0; i < batch.trees().length; i++) {
        trees.add(batch.trees()[i]);
        double[] imp = batch.importances()[i];
        for (int j = 0; j < numFeatures; j++) {
          importances[j] += imp[j];
        }
      }
    }
    if (trees.size() != numTrees) {
      throw new IllegalStateException("expected " + numTrees + " trees, got " + trees.size());
    }
    double sum = 0;
    for (double v : importances) {
      sum += v;
    }
    if (sum > 0) {
      for (int j = 0; j < numFeatures; j++) {
        importances[j] /= sum;
      }
    }
    return new Result(new Forest(numFeatures, numClasses, trees), importances);
  }

  /** Trees {@code [firstTree, firstTree + trees.length)} with their per-tree normalised importances. */
  public record TreeBatch(int firstTree, TreeArrays[] trees, double[][] importances) implements Serializable {}

  /** The per-task worker: grows its contiguous share of the trees from the broadcast training set. */
  static final class GrowTrees implements Function<Integer, TreeBatch> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<TrainingSet> data;
    private final ExtraTreeBuilder.Settings settings;
    private final int numTrees;
    private final int tasks;
    private final long seed;

    GrowTrees(Broadcast<TrainingSet> data, ExtraTreeBuilder.Settings settings, int numTrees, int tasks, long seed) {
      this.data = data;
      this.settings = settings;
      this.numTrees = numTrees;
      this.tasks = tasks;
      this.seed = seed;
    }

    @Override
    public TreeBatch call(Integer task) {
      int first = (int) ((long) task * numTrees / tasks);
      int end = (int) ((long) (task + 1) * numTrees / tasks);
      return growLocally(data.value(), settings, first, end, seed);
    }
  }
}
