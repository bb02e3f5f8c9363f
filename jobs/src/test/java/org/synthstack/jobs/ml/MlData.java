package org.synthstack.jobs.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small labelled datasets for the Spark tests. */
final class MlData {
  static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.IntegerType)
      .add("features", new VectorUDT())
      .add("label", DataTypes.DoubleType)
      .add("weight", DataTypes.DoubleType);

  private MlData() {}

  /** n rows of d uniform [0, 1) features labelled by {@code rule}, weight 1. */
  static Dataset<Row> uniform(SparkSession spark, int n, int d, long seed, ToIntFunction<double[]> rule) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] x = new double[d];
      for (int j = 0; j < d; j++) {
        x[j] = r.nextDouble();
      }
      rows.add(RowFactory.create(i, Vectors.dense(x), (double) rule.applyAsInt(x), 1.0));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** Rows given as {feature..., label, weight}. */
  static Dataset<Row> of(SparkSession spark, double[]... table) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < table.length; i++) {
      double[] t = table[i];
      int d = t.length - 2;
      rows.add(RowFactory.create(i, Vectors.dense(java.util.Arrays.copyOf(t, d)), t[d], t[d + 1]));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  static boolean xor(double[] x) {
    return x[0] > 0.5 ^ x[1] > 0.5;
  }
}
