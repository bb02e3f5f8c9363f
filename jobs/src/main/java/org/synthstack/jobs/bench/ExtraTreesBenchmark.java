package org.synthstack.jobs.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.synthstack.jobs.ml.ExtraTreeBuilder;
import org.synthstack.jobs.ml.ExtraTreesClassificationModel;
import org.synthstack.jobs.ml.ExtraTreesClassifier;
import org.synthstack.jobs.ml.ExtraTreesTraining;
import org.synthstack.jobs.ml.FeatureSubset;
import org.synthstack.jobs.ml.Forest;
import org.synthstack.jobs.ml.Impurity;
import org.synthstack.jobs.ml.TrainingSet;
import org.synthstack.jobs.spark.SparkSessions;
import org.synthstack.synth.SplitMix64;

/**
 * Times {@link ExtraTreesClassifier} on synthetic ear-like data (features in [0, 1], five classes around random
 * prototypes with heavy noise, so fully grown trees are deep): the tree builder alone on one thread, then
 * {@code fit} through Spark for several forest sizes and masters, then prediction throughput (one thread over a
 * {@link Forest}, and {@code transform} through Spark).
 */
public final class ExtraTreesBenchmark {
  public record Settings(int rows, int features, int classes, int[] trees, List<String> masters, int warmupTrees,
      long seed) {}

  private ExtraTreesBenchmark() {}

  public static void run(Settings s, PrintWriter out) {
    out.printf(Locale.ROOT, "machine: %d cores, Java %s, max heap %d MB, load average %.1f%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.printf(Locale.ROOT, "data: %d rows x %d features, %d classes (synthetic, seed %d)%n", s.rows(), s.features(),
        s.classes(), s.seed());
    TrainingSet data = trainingSet(s);
    ExtraTreeBuilder.Settings settings = new ExtraTreeBuilder.Settings(Impurity.GINI,
        FeatureSubset.featuresPerNode("sqrt", s.features()), Integer.MAX_VALUE, 1, 0, 0, false);

    // 1. The builder alone, one thread: rounds of trees, wall and thread CPU time, best and median round.
    ExtraTreesTraining.growLocally(data, settings, 0, s.warmupTrees(), s.seed() + 1);
    int perRound = Math.max(10, s.warmupTrees());
    int rounds = 5;
    double[] wallMs = new double[rounds];
    double[] cpuMs = new double[rounds];
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    Forest sample = null;
    for (int r = 0; r < rounds; r++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      ExtraTreesTraining.TreeBatch batch =
          ExtraTreesTraining.growLocally(data, settings, r * perRound, (r + 1) * perRound, s.seed());
      wallMs[r] = (System.nanoTime() - t0) / 1e6 / perRound;
      cpuMs[r] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / perRound;
      if (sample == null) {
        sample = ExtraTreesTraining.assemble(List.of(new ExtraTreesTraining.TreeBatch(0, batch.trees(),
            batch.importances())), s.features(), s.classes(), perRound).forest();
      }
    }
    java.util.Arrays.sort(wallMs);
    java.util.Arrays.sort(cpuMs);
    double depth = 0;
    for (int t = 0; t < perRound; t++) {
      depth += sample.depth(t);
    }
    out.printf(Locale.ROOT, "builder, 1 thread: %.1f ms per tree (best of %d rounds of %d trees; median %.1f; thread "
        + "CPU best %.1f, median %.1f); trees have %.0f nodes and depth %.1f on average%n", wallMs[0], rounds,
        perRound, wallMs[rounds / 2], cpuMs[0], cpuMs[rounds / 2], (double) sample.totalNodes() / perRound,
        depth / perRound);
    out.flush();

    // 2. fit through Spark.
    List<Row> rows = rows(data);
    out.println();
    out.println("| master | trees | fit wall s | trees/s | task CPU s | nodes | model MB |");
    out.println("|---|---|---|---|---|---|---|");
    ExtraTreesClassificationModel largest = null;
    for (String master : s.masters()) {
      SparkSession spark = SparkSessions.create("bench-extratrees", master,
          Map.of("spark.ui.showConsoleProgress", "false", "spark.sql.shuffle.partitions", "4"));
      try {
        TaskCpu cpu = new TaskCpu();
        spark.sparkContext().addSparkListener(cpu);
        Dataset<Row> df = spark.createDataFrame(rows, schema()).repartition(4).cache();
        df.count();
        new ExtraTreesClassifier().setNumTrees(Math.max(1, s.warmupTrees())).setSeed(s.seed() + 1).fit(df);
        for (int numTrees : s.trees()) {
          long cpu0 = cpu.nanos.get();
          long start = System.nanoTime();
          ExtraTreesClassificationModel model = new ExtraTreesClassifier().setNumTrees(numTrees).setSeed(s.seed())
              .fit(df);
          double seconds = (System.nanoTime() - start) / 1e9;
          cpu.settle();
          out.printf(Locale.ROOT, "| %s | %d | %.2f | %.1f | %.2f | %d | %.1f |%n", master, numTrees, seconds,
              numTrees / seconds, (cpu.nanos.get() - cpu0) / 1e9, model.forest().totalNodes(),
              model.forest().bytes() / 1048576.0);
          out.flush();
          if (largest == null || numTrees > largest.treeCount()) {
            largest = model;
          }
        }
        // 3b. transform through Spark with the largest forest of this master.
        ExtraTreesClassificationModel model = largest;
        model.transform(df).write().format("noop").mode("overwrite").save();
        long cpu0 = cpu.nanos.get();
        long start = System.nanoTime();
        model.transform(df).write().format("noop").mode("overwrite").save();
        double seconds = (System.nanoTime() - start) / 1e9;
        cpu.settle();
        double cpuSeconds = (cpu.nanos.get() - cpu0) / 1e9;
        out.printf(Locale.ROOT, "transform on %s, %d trees: %.0f rows/s (wall), %.0f rows per task CPU second%n",
            master, model.treeCount(), s.rows() / seconds, s.rows() / cpuSeconds);
        df.unpersist();
      } finally {
        spark.stop();
      }
    }

    // 3a. Prediction on one thread, no Spark.
    if (largest != null) {
      Forest forest = largest.forest();
      float[][] x = new float[s.rows()][s.features()];
      for (int i = 0; i < s.rows(); i++) {
        for (int j = 0; j < s.features(); j++) {
          x[i][j] = data.x(i, j);
        }
      }
      double[] raw = new double[s.classes()];
      double sink = 0;
      for (int i = 0; i < Math.min(2000, s.rows()); i++) {
        forest.addDistributions(x[i], raw);
      }
      long cpu0 = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      for (int i = 0; i < s.rows(); i++) {
        java.util.Arrays.fill(raw, 0);
        forest.addDistributions(x[i], raw);
        sink += raw[0];
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
      out.printf(Locale.ROOT, "predict, 1 thread, %d trees: %.0f rows/s wall, %.0f rows per CPU second (%.0f us per "
          + "row; checksum %.1f)%n", forest.numTrees(), s.rows() / seconds, s.rows() / cpuSeconds,
          cpuSeconds / s.rows() * 1e6, sink);
    }
    out.flush();
  }

  /** Sums the executor CPU time of finished tasks. */
  private static final class TaskCpu extends org.apache.spark.scheduler.SparkListener {
    final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
      if (end.taskMetrics() != null) {
        nanos.addAndGet(end.taskMetrics().executorCpuTime());
      }
    }

    /** Waits until events stop arriving (they are delivered asynchronously after a job ends). */
    void settle() {
      try {
        long before;
        do {
          before = nanos.get();
          Thread.sleep(200);
        } while (nanos.get() != before);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Five classes around random prototypes in [0, 1]^d with Gaussian noise (sd 0.35), clipped to [0, 1]. */
  static TrainingSet trainingSet(Settings s) {
    SplitMix64 rng = new SplitMix64(s.seed());
    int n = s.rows();
    int d = s.features();
    double[][] prototypes = new double[s.classes()][d];
    for (double[] p : prototypes) {
      for (int j = 0; j < d; j++) {
        p[j] = rng.nextDouble();
      }
    }
    float[] x = new float[n * d];
    int[] y = new int[n];
    double[] w = new double[n];
    java.util.Random gauss = new java.util.Random(s.seed());
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(s.classes());
      y[i] = c;
      w[i] = 1;
      for (int j = 0; j < d; j++) {
        double v = prototypes[c][j] + 0.35 * gauss.nextGaussian();
        x[j * n + i] = (float) (v < 0 ? 0 : v > 1 ? 1 : v);
      }
    }
    return new TrainingSet(n, d, s.classes(), x, y, w);
  }

  private static StructType schema() {
    return new StructType().add("features", new VectorUDT()).add("label", DataTypes.DoubleType);
  }

  private static List<Row> rows(TrainingSet data) {
    List<Row> rows = new ArrayList<>(data.rows());
    for (int i = 0; i < data.rows(); i++) {
      double[] v = new double[data.features()];
      for (int j = 0; j < v.length; j++) {
        v[j] = data.x(i, j);
      }
      rows.add(RowFactory.create(Vectors.dense(v), (double) data.label(i)));
    }
    return rows;
  }
}
