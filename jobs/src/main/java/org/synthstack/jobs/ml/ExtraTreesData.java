package org.synthstack.jobs.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.BinaryAttribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Turns a training Dataset into a {@link TrainingSet} on the driver, validating as it goes.
 *
 * <p>Each partition is encoded by its executor into one compact block (features as {@code float}, row-major);
 * the blocks are cached, their sizes and the first problem found are collected and checked, and only then are
 * the blocks themselves collected, so bad values and oversized data fail with a clear message before anything
 * large reaches the driver or any tree is grown. Rows of weight 0 are dropped (they carry no information).
 *
 * <p>The rows are then put in a canonical order (lexicographic by features, label, weight), so the forest is a
 * function of the multiset of rows and the seed only: repartitioning or reordering the input changes nothing.
 *
 * <p><b>Size limits.</b> The whole training set lives in memory, as {@code 4 x rows x features + 12 x rows} bytes
 * (10 000 x 660 is 26 MB), on the driver (collected, then transposed and broadcast: about 3 copies at the peak)
 * and once per executor (the broadcast). Training refuses to start when rows x features exceeds the largest Java
 * array (2^31 - 9 values), when 4 x that size exceeds the driver's heap, or, on a cluster, when 2 x that size
 * exceeds {@code spark.executor.memory}.
 */
final class ExtraTreesData {
  /** Labels must be integers in [0, MAX_CLASSES). */
  static final int MAX_CLASSES = 10_000;

  private ExtraTreesData() {}

  /** The training set of {@code dataset}; {@code weightCol} may be null (all weights 1). */
  static TrainingSet collect(Dataset<?> dataset, String featuresCol, String labelCol, String weightCol) {
    int declaredClasses = declaredClasses(dataset, labelCol);
    Column weight = weightCol == null ? lit(1.0) : col(weightCol).cast(DataTypes.DoubleType);
    Dataset<Row> selected = dataset.select(col(featuresCol), col(labelCol).cast(DataTypes.DoubleType), weight);
    JavaRDD<Block> blocks = selected.javaRDD()
        .mapPartitionsWithIndex(new EncodePartition(), true)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Block> summaries = blocks.map(Block::summary).collect();
      long rows = 0;
      long dropped = 0;
      int features = -1;
      for (Block s : summaries) {
        if (s.problem != null) {
          throw new IllegalArgumentException(String.format(Locale.ROOT, s.problem, featuresCol, labelCol,
              weightCol));
        }
        dropped += s.droppedZeroWeight;
        if (s.rows == 0) {
          continue;
        }
        if (features >= 0 && s.features != features) {
          throw new IllegalArgumentException("column '" + featuresCol + "' holds vectors of different sizes ("
              + features + " and " + s.features + ")");
        }
        features = s.features;
        rows += s.rows;
      }
      if (rows == 0) {
        throw new IllegalArgumentException("ExtraTreesClassifier: no training rows"
            + (dropped > 0 ? " with a positive weight in column '" + weightCol + "'" : "") + "; the dataset is empty");
      }
      checkSize(dataset, rows, features);
      List<Block> collected = new ArrayList<>(blocks.collect());
      return assemble(collected, (int) rows, features, declaredClasses, labelCol);
    } finally {
      blocks.unpersist(false);
    }
  }

  /** Classes declared by nominal or binary label metadata (e.g. from StringIndexer), or 0. */
  static int declaredClasses(Dataset<?> dataset, String labelCol) {
    Attribute attribute = Attribute.fromStructField(dataset.schema().apply(labelCol));
    if (attribute instanceof BinaryAttribute) {
      return 2;
    }
    if (attribute instanceof NominalAttribute nominal && nominal.numValues().isDefined()) {
      return (Integer) nominal.numValues().get();
    }
    return 0;
  }

  private static void checkSize(Dataset<?> dataset, long rows, int features) {
    var conf = dataset.sparkSession().sparkContext().getConf();
    boolean local = conf.get("spark.master", "local").startsWith("local");
    long executorHeap = local ? 0 : conf.getSizeAsBytes("spark.executor.memory", "1g");
    String problem = sizeProblem(rows, features, Runtime.getRuntime().maxMemory(), executorHeap);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * Why a training set of {@code rows x features} cannot be trained on, or null if it can. {@code executorHeap} is
   * 0 when executors share the driver's JVM (local mode).
   */
  static String sizeProblem(long rows, long features, long driverHeap, long executorHeap) {
    long values = rows * features;
    if (values > Integer.MAX_VALUE - 8) {
      return String.format(Locale.ROOT, "ExtraTreesClassifier keeps the training set in one array: %d rows x %d "
          + "features = %d values exceeds the Java array limit (2^31 - 9); sample the rows or reduce the features",
          rows, features, values);
    }
    long bytes = 4 * values + 12 * rows;
    if (4 * bytes > driverHeap) {
      return String.format(Locale.ROOT, "ExtraTreesClassifier keeps the training set in memory on the driver and "
          + "on every executor: %d rows x %d features = %d MB as float; that needs 4 x %d MB of driver heap and the "
          + "driver has %d MB; raise spark.driver.memory or sample the rows", rows, features, bytes >> 20,
          bytes >> 20, driverHeap >> 20);
    }
    if (executorHeap > 0 && 2 * bytes > executorHeap) {
      return String.format(Locale.ROOT, "ExtraTreesClassifier broadcasts the training set (%d MB) to every "
          + "executor; that needs 2 x %d MB of executor heap and spark.executor.memory is %d MB; raise it or sample "
          + "the rows", bytes >> 20, bytes >> 20, executorHeap >> 20);
    }
    return null;
  }

  private static TrainingSet assemble(List<Block> blocks, int n, int d, int declaredClasses, String labelCol) {
    float[] rowMajor = new float[n * d];
    double[] labels = new double[n];
    double[] weights = new double[n];
    int at = 0;
    for (Block b : blocks) {
      if (b.rows == 0) {
        continue;
      }
      System.arraycopy(b.x, 0, rowMajor, at * d, b.rows * d);
      System.arraycopy(b.label, 0, labels, at, b.rows);
      System.arraycopy(b.weight, 0, weights, at, b.rows);
      at += b.rows;
      b.x = null;
    }
    int maxLabel = 0;
    for (double v : labels) {
      maxLabel = Math.max(maxLabel, (int) v);
    }
    int classes = Math.max(declaredClasses, maxLabel + 1);
    double[] classWeight = new double[classes];
    for (int i = 0; i < n; i++) {
      classWeight[(int) labels[i]] += weights[i];
    }
    int present = 0;
    for (double w : classWeight) {
      present += w > 0 ? 1 : 0;
    }
    if (present < 2 || classes < 2) {
      throw new IllegalArgumentException("ExtraTreesClassifier needs at least two classes in column '" + labelCol
          + "'; the " + n + " training rows all have label " + (int) labels[0]);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> compareRows(rowMajor, labels, weights, d, a, b));
    float[] x = new float[n * d];
    int[] y = new int[n];
    double[] w = new double[n];
    for (int r = 0; r < n; r++) {
      int src = order[r];
      int srcBase = src * d;
      for (int j = 0; j < d; j++) {
        x[j * n + r] = rowMajor[srcBase + j];
      }
      y[r] = (int) labels[src];
      w[r] = weights[src];
    }
    return new TrainingSet(n, d, classes, x, y, w);
  }

  private static int compareRows(float[] x, double[] labels, double[] weights, int d, int a, int b) {
    int baseA = a * d;
    int baseB = b * d;
    for (int j = 0; j < d; j++) {
      int c = Float.compare(x[baseA + j], x[baseB + j]);
      if (c != 0) {
        return c;
      }
    }
    int c = Double.compare(labels[a], labels[b]);
    return c != 0 ? c : Double.compare(weights[a], weights[b]);
  }

  /**
   * One partition's rows, or (in a summary) only its counts. A problem is kept as a format string with
   * {@code %1$s}, {@code %2$s}, {@code %3$s} standing for the feature, label and weight column names.
   */
  static final class Block implements Serializable {
    private static final long serialVersionUID = 1L;
    int rows;
    int features = -1;
    long droppedZeroWeight;
    String problem;
    float[] x;
    double[] label;
    double[] weight;

    static Block encode(int partition, Iterator<Row> it) {
      Block b = new Block();
      float[] x = new float[1024];
      double[] label = new double[64];
      double[] weight = new double[64];
      long rowInPartition = -1;
      while (it.hasNext()) {
        Row row = it.next();
        rowInPartition++;
        String where = "row " + rowInPartition + " of partition " + partition;
        if (row.isNullAt(0) || row.isNullAt(1) || row.isNullAt(2)) {
          b.problem = "ExtraTreesClassifier: " + where + " has a null feature vector, label or weight (columns "
              + "'%1$s', '%2$s', '%3$s')";
          return b;
        }
        Vector v = (Vector) row.get(0);
        double y = row.getDouble(1);
        double w = row.getDouble(2);
        if (!(w >= 0) || Double.isInfinite(w)) {
          b.problem = "ExtraTreesClassifier: weights in column '%3$s' must be finite and >= 0; " + where + " has "
              + w;
          return b;
        }
        if (!(y >= 0) || y != Math.rint(y) || y >= MAX_CLASSES) {
          b.problem = "ExtraTreesClassifier: labels in column '%2$s' must be integers in [0, " + MAX_CLASSES
              + ") (index string labels with StringIndexer); " + where + " has " + y;
          return b;
        }
        if (w == 0) {
          b.droppedZeroWeight++;
          continue;
        }
        int d = v.size();
        if (b.features < 0) {
          if (d == 0) {
            b.problem = "ExtraTreesClassifier: column '%1$s' holds empty vectors";
            return b;
          }
          b.features = d;
        } else if (d != b.features) {
          b.problem = "ExtraTreesClassifier: column '%1$s' holds vectors of different sizes (" + b.features
              + " and " + d + " at " + where + ")";
          return b;
        }
        double[] values = v instanceof DenseVector dense ? dense.values() : v.toArray();
        int r = b.rows;
        if ((long) (r + 1) * d > Integer.MAX_VALUE - 8) {
          b.problem = "ExtraTreesClassifier: partition " + partition + " alone exceeds the Java array limit";
          return b;
        }
        if ((r + 1) * d > x.length) {
          x = Arrays.copyOf(x, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max((long) (r + 1) * d, 2L * x.length)));
        }
        if (r == label.length) {
          label = Arrays.copyOf(label, 2 * r);
          weight = Arrays.copyOf(weight, 2 * r);
        }
        int base = r * d;
        for (int j = 0; j < d; j++) {
          double value = values[j];
          if (!(Math.abs(value) <= Float.MAX_VALUE)) {
            b.problem = "ExtraTreesClassifier: column '%1$s' has " + (Double.isNaN(value) ? "NaN"
                : Double.isInfinite(value) ? "an infinite value" : "a value outside the float range (" + value + ")")
                + " at feature " + j + " of " + where + "; training needs finite features (impute or drop such "
                + "rows first)";
            return b;
          }
          x[base + j] = (float) value;
        }
        label[r] = y;
        weight[r] = w;
        b.rows = r + 1;
      }
      b.x = Arrays.copyOf(x, b.rows * Math.max(b.features, 0));
      b.label = Arrays.copyOf(label, b.rows);
      b.weight = Arrays.copyOf(weight, b.rows);
      return b;
    }

    Block summary() {
      Block s = new Block();
      s.rows = rows;
      s.features = features;
      s.droppedZeroWeight = droppedZeroWeight;
      s.problem = problem;
      return s;
    }
  }

  /** The per-partition encoder. */
  static final class EncodePartition implements Function2<Integer, Iterator<Row>, Iterator<Block>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Block> call(Integer partition, Iterator<Row> rows) {
      return List.of(Block.encode(partition, rows)).iterator();
    }
  }
}
