package org.synthstack.jobs.search;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.ear.Ear;
import org.synthstack.synth.ProgramJson;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.search.Candidate;
import org.synthstack.synth.search.ClassSpace;
import org.synthstack.synth.search.Evaluation;
import org.synthstack.synth.search.Search;

/**
 * Judges a generation on the cluster: the candidates become a Dataset (index + program JSON) sliced into
 * {@code partitions} tasks, each task renders and featurises its programs ({@link SearchWorker}), the ear classifies
 * them, and the driver collects index, class probabilities and descriptors. Results are put back in the batch's
 * order, so partitioning never changes what the search sees.
 */
final class SparkEvaluator implements Search.Evaluator {
  private final SparkSession spark;
  private final Ear ear;
  private final ClassSpace classes;
  private final int[] axisSources;
  private final int partitions;
  private long rendered;

  SparkEvaluator(SparkSession spark, Ear ear, ClassSpace classes, int[] axisSources, int partitions) {
    this.spark = spark;
    this.ear = ear;
    this.classes = classes;
    this.axisSources = axisSources.clone();
    this.partitions = partitions;
  }

  /** Programs rendered through this evaluator so far. */
  long rendered() {
    return rendered;
  }

  @Override
  public List<Evaluation> evaluate(List<Candidate> batch) {
    Map<Long, Row> byIndex = judge(batch);
    List<Evaluation> out = new ArrayList<>(batch.size());
    for (Candidate c : batch) {
      Row r = byIndex.get(c.index());
      if (r == null) {
        throw new IllegalStateException("no result for candidate " + c.id());
      }
      List<Double> probabilityList = r.getList(1);
      double[] probabilities = new double[probabilityList.size()];
      for (int k = 0; k < probabilities.length; k++) {
        probabilities[k] = probabilityList.get(k);
      }
      List<Double> all = r.getList(4);
      double[] descriptors = new double[axisSources.length];
      for (int i = 0; i < descriptors.length; i++) {
        descriptors[i] = all.get(axisSources[i]);
      }
      out.add(new Evaluation(c, probabilities, classes.indexOf(r.getString(2)), r.getBoolean(3), descriptors));
    }
    return out;
  }

  /** Index -> (index, class probabilities, ear label, silent, all descriptors). */
  Map<Long, Row> judge(List<Candidate> batch) {
    List<Row> rows = new ArrayList<>(batch.size());
    for (Candidate c : batch) {
      rows.add(RowFactory.create(c.index(), ProgramJson.toJson(c.program())));
    }
    JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(rows, Math.max(1, Math.min(partitions, rows.size())));
    Dataset<Row> featured = spark.createDataFrame(rdd, SearchWorker.INPUT)
        .mapPartitions(new SearchWorker(RenderSettings.DEFAULT), Encoders.row(SearchWorker.OUTPUT));
    List<Row> judged = ear.classify(featured)
        .select(col("index"), col(Ear.CLASS_PROBABILITIES), col("ear_label"), col("silent"), col("descriptors"))
        .collectAsList();
    Map<Long, Row> byIndex = new HashMap<>();
    for (Row r : judged) {
      byIndex.put(r.getLong(0), r);
    }
    rendered += batch.size();
    return byIndex;
  }
}
