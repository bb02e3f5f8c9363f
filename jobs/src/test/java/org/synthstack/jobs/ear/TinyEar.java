package org.synthstack.jobs.ear;

import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A saved ear in seconds, for tests of the jobs that use one: a single quick fit of {@code model} on drums and
 * noise, without the cross-validation, two-phase and unseen-kit evaluations {@code train-ear} runs first.
 */
public final class TinyEar {
  private TinyEar() {}

  /** Fits and saves an ear over the MEM's classes to {@code dir}. */
  public static void train(SparkSession spark, Dataset<Row> drums, Dataset<Row> noise, String model, String dir)
      throws java.io.IOException {
    List<String> classes = EarData.MEM_CLASSES;
    Dataset<Row> combined = EarData.combine(drums, "checksum", noise, classes);
    long[] counts = EarData.classCounts(combined, classes);
    Dataset<Row> data = EarData.withWeights(combined, counts, EarData.Weighting.ORIGINAL);
    PipelineModel fitted = EarModels.all(EarModels.Size.QUICK, 3).get(model).build().apply(classes.size()).fit(data);
    Ear.save(spark, dir, fitted, new Ear.Metadata("mem", model, classes, EarData.FEATURE_SIZE, 0.0, 3));
  }
}
