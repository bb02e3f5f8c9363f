package org.synthstack.jobs.ear;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.synthstack.jobs.report.MarkdownTable;
import org.synthstack.jobs.report.Plots;
import org.synthstack.jobs.report.ReportWriter;
import org.synthstack.jobs.spark.CompleteDatasets;

/**
 * Trains and compares the ear's classifiers (seed 000 §4, appendix C; domain notes §3) and saves the best.
 *
 * <ol>
 *   <li>Drums (the ingest's {@code drum_features}) and NoiseDB (render output, labelled {@code synth_noise}) become
 *       one table over the MEM's classes, with class weights.
 *   <li>Every candidate runs stratified k-fold CV as a MEM: per fold, accuracy, macro-F1 and per-class F1; DvN
 *       accuracy (drum or not) follows from the same predictions.
 *   <li>The TPE: a DvN model, then a DvD model on the drums, evaluated on the same folds.
 *   <li>Unseen kits: the best model again, with whole kits held out per fold, so no test sound comes from a kit
 *       trained on. This is the honest number.
 *   <li>The best probabilistic model is refitted on everything and saved with its metadata as an {@link Ear}.
 * </ol>
 */
public final class TrainEarJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainEarJob.class);
  /** The report's metrics.parquet: one row per evaluation, model, fold and metric (data-catalog/ear_metrics.yaml). */
  public static final StructType METRICS = new StructType().add("evaluation", DataTypes.StringType)
      .add("model", DataTypes.StringType).add("fold", DataTypes.IntegerType).add("metric", DataTypes.StringType)
      .add("value", DataTypes.DoubleType);
  /** The report's confusion.parquet: counts pooled over the folds (data-catalog/ear_confusion.yaml). */
  public static final StructType CONFUSION = new StructType().add("evaluation", DataTypes.StringType)
      .add("model", DataTypes.StringType).add("true_label", DataTypes.StringType)
      .add("predicted_label", DataTypes.StringType).add("count", DataTypes.LongType);

  /**
   * @param inputs hand features (the default) or envelope + autoencoder embedding (tables written by embed)
   * @param neuralTpe also evaluate the neural two-phase ear ({@link NeuralTpe}; hand features only)
   */
  public record Options(List<String> drums, List<String> noise, String modelDir, String reportDir, int folds,
      int kitFolds, long seed, EarData.Weighting weighting, List<String> models, EarModels.Size size,
      String tpeModel, long noiseSample, List<String> extraNoise, EarData.Inputs inputs, boolean neuralTpe) {
    public Options {
      inputs = inputs == null ? EarData.Inputs.HAND : inputs;
    }

    /** Hand features, no neural TPE. */
    public Options(List<String> drums, List<String> noise, String modelDir, String reportDir, int folds,
        int kitFolds, long seed, EarData.Weighting weighting, List<String> models, EarModels.Size size,
        String tpeModel, long noiseSample, List<String> extraNoise) {
      this(drums, noise, modelDir, reportDir, folds, kitFolds, seed, weighting, models, size, tpeModel, noiseSample,
          extraNoise, EarData.Inputs.HAND, false);
    }

    /** Without extra noise. */
    public Options(List<String> drums, List<String> noise, String modelDir, String reportDir, int folds,
        int kitFolds, long seed, EarData.Weighting weighting, List<String> models, EarModels.Size size,
        String tpeModel, long noiseSample) {
      this(drums, noise, modelDir, reportDir, folds, kitFolds, seed, weighting, models, size, tpeModel, noiseSample,
          List.of(), EarData.Inputs.HAND, false);
    }
  }

  /** One evaluation of one model on one fold. */
  public record FoldScore(String evaluation, String model, int fold, ConfusionMatrix confusion) {
    double dvnAccuracy() {
      return EarMetrics.drumVsNoise(confusion).accuracy();
    }
  }

  public record Result(String bestModel, Map<String, double[]> macroF1ByModel, List<FoldScore> scores,
      String modelDir) {}

  private TrainEarJob() {}

  public static Result run(SparkSession spark, Options o) throws IOException {
    List<String> classes = EarData.MEM_CLASSES;
    Dataset<Row> drums = CompleteDatasets.parquet(spark, "--drums", o.drums());
    Dataset<Row> noise = noise(spark, o);
    List<String> drumColumns = List.of(drums.columns());
    String idColumn = drumColumns.contains("sha256") ? "sha256" : drumColumns.contains("checksum") ? "checksum" : "path";
    // One table over the MEM's classes, weighted, kept in memory for the many fits that follow.
    Dataset<Row> combined = EarData.combine(drums, idColumn, noise, classes, o.inputs());
    long[] counts = EarData.classCounts(combined, classes);
    Dataset<Row> data = EarData.withWeights(combined, counts, o.weighting())
        .persist(StorageLevel.MEMORY_AND_DISK());
    LOG.info("train-ear: {} sounds, per class {}", data.count(), countsText(classes, counts));

    Map<String, EarModels.Candidate> candidates = EarModels.select(o.size(), o.seed(), o.models());
    List<FoldScore> scores = new ArrayList<>();
    // Stratified k-fold CV of every candidate as a MEM.
    Dataset<Row> folded = EarData.withStratifiedFolds(data, o.folds(), o.seed()).persist(StorageLevel.MEMORY_AND_DISK());
    for (EarModels.Candidate c : candidates.values()) {
      for (int f = 0; f < o.folds(); f++) {
        scores.add(new FoldScore("cv", c.name(), f, crossFold(folded, f, c, classes)));
        LOG.info("train-ear: {} fold {}/{}: macro-F1 {}", c.name(), f + 1, o.folds(),
            String.format(Locale.ROOT, "%.3f", scores.get(scores.size() - 1).confusion().macroF1()));
      }
    }
    Map<String, double[]> macroF1 = byModel(scores, "cv");
    String best = bestProbabilistic(macroF1, candidates);
    // The two-phase ear on the same folds.
    EarModels.Candidate tpeFamily = candidates.getOrDefault(o.tpeModel(), candidates.get(best));
    for (int f = 0; f < o.folds(); f++) {
      scores.add(new FoldScore("tpe", tpeFamily.name(), f, tpeFold(folded, f, tpeFamily, classes)));
    }
    if (o.neuralTpe() && o.inputs() == EarData.Inputs.HAND) {
      scores.addAll(NeuralTpe.evaluate(folded, o.folds(), classes, o.seed()));
    }
    // Unseen kits for the best model.
    Dataset<Row> byKit = EarData.withKitFolds(data, o.kitFolds(), o.seed()).persist(StorageLevel.MEMORY_AND_DISK());
    for (int f = 0; f < o.kitFolds(); f++) {
      scores.add(new FoldScore("unseen-kit", best, f, crossFold(byKit, f, candidates.get(best), classes)));
    }
    // The final ear on everything.
    PipelineModel fitted = candidates.get(best).build().apply(classes.size()).fit(data);
    int featureSize = o.inputs() == EarData.Inputs.HAND ? EarData.FEATURE_SIZE
        : data.first().<org.apache.spark.ml.linalg.Vector>getAs("features").size();
    Ear.save(spark, o.modelDir(), fitted, new Ear.Metadata("mem", best, classes, featureSize,
        mean(macroF1.get(best)), o.seed()));
    writeReport(spark, o, scores, classes, best);
    folded.unpersist();
    byKit.unpersist();
    data.unpersist();
    return new Result(best, macroF1, scores, o.modelDir());
  }

  private static ConfusionMatrix crossFold(Dataset<Row> folded, int fold, EarModels.Candidate c,
      List<String> classes) {
    PipelineModel model = c.build().apply(classes.size()).fit(folded.filter(col("fold").notEqual(fold)));
    return EarMetrics.confusion(model.transform(folded.filter(col("fold").equalTo(fold))), "label_index",
        "prediction", classes);
  }

  /** DvN on all training rows, DvD on the training drums; a test sound is noise unless DvN says drum. */
  private static ConfusionMatrix tpeFold(Dataset<Row> folded, int fold, EarModels.Candidate c, List<String> classes) {
    double noiseIndex = classes.indexOf(EarData.NOISE);
    Dataset<Row> train = folded.filter(col("fold").notEqual(fold));
    Dataset<Row> test = folded.filter(col("fold").equalTo(fold));
    Dataset<Row> dvnTrain = train.withColumn("label_index",
        when(col("label_index").equalTo(noiseIndex), lit(1.0)).otherwise(lit(0.0)));
    PipelineModel dvn = c.build().apply(2).fit(dvnTrain);
    PipelineModel dvd = c.build().apply(classes.size()).fit(train.filter(col("label_index").notEqual(noiseIndex)));
    Dataset<Row> isDrum = dvn.transform(test).select(col("id"), col("prediction").equalTo(0.0).as("is_drum"));
    Dataset<Row> drumKind = dvd.transform(test).select(col("id"), col("prediction").as("drum_prediction"),
        col("label_index"));
    Dataset<Row> combined = drumKind.join(isDrum, "id").withColumn("prediction",
        when(col("is_drum"), col("drum_prediction")).otherwise(lit(noiseIndex)));
    return EarMetrics.confusion(combined, "label_index", "prediction", classes);
  }

  private static Map<String, double[]> byModel(List<FoldScore> scores, String evaluation) {
    Map<String, List<Double>> lists = new LinkedHashMap<>();
    for (FoldScore s : scores) {
      if (s.evaluation().equals(evaluation)) {
        lists.computeIfAbsent(s.model(), k -> new ArrayList<>()).add(s.confusion().macroF1());
      }
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    lists.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    return out;
  }

  /** The model with the best mean macro-F1 among those that produce class probabilities. */
  private static String bestProbabilistic(Map<String, double[]> macroF1, Map<String, EarModels.Candidate> candidates) {
    String best = null;
    for (Map.Entry<String, double[]> e : macroF1.entrySet()) {
      if (!EarModels.probabilistic(e.getKey())) {
        continue;
      }
      if (best == null || mean(e.getValue()) > mean(macroF1.get(best))) {
        best = e.getKey();
      }
    }
    if (best == null) {
      throw new org.synthstack.jobs.InputException("--models: at least one probabilistic model is needed for the "
          + "saved ear (one of " + EarModels.PROBABILISTIC + "); got " + candidates.keySet());
    }
    return best;
  }

  private static double mean(double[] v) {
    return Plots.meanAndSd(v)[0];
  }

  /**
   * The noise set: a seeded sample of at most {@code noiseSample} rows of {@code --noise}, plus every row of
   * {@code --extra-noise} (search's programs a second ear rejected, for adversarial refinement: they must not be
   * sampled away).
   */
  static Dataset<Row> noise(SparkSession spark, Options o) {
    Dataset<Row> noise = EarData.sampleNoise(CompleteDatasets.parquet(spark, "--noise", o.noise()), o.noiseSample(),
        o.seed());
    if (o.extraNoise().isEmpty()) {
      return noise;
    }
    Dataset<Row> extra = CompleteDatasets.parquet(spark, "--extra-noise", o.extraNoise());
    String[] used = {"program_id", "envelope", "frequency", "spectrum"};
    EarData.requireColumns("--extra-noise", extra, used);
    return noise.select(used[0], used[1], used[2], used[3])
        .unionByName(extra.select(used[0], used[1], used[2], used[3]));
  }

  private static String countsText(List<String> classes, long[] counts) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < classes.size(); k++) {
      sb.append(k == 0 ? "" : ", ").append(classes.get(k)).append(' ').append(counts[k]);
    }
    return sb.toString();
  }

  private static void writeReport(SparkSession spark, Options o, List<FoldScore> scores, List<String> classes,
      String best) throws IOException {
    ReportWriter report = new ReportWriter(o.reportDir(), spark.sparkContext().hadoopConfiguration());
    // Metrics as Parquet, long format: one row per (evaluation, model, fold, metric).
    List<Row> rows = new ArrayList<>();
    for (FoldScore s : scores) {
      rows.add(RowFactory.create(s.evaluation(), s.model(), s.fold(), "accuracy", s.confusion().accuracy()));
      rows.add(RowFactory.create(s.evaluation(), s.model(), s.fold(), "macro_f1", s.confusion().macroF1()));
      rows.add(RowFactory.create(s.evaluation(), s.model(), s.fold(), "dvn_accuracy", s.dvnAccuracy()));
      for (int k = 0; k < classes.size(); k++) {
        rows.add(RowFactory.create(s.evaluation(), s.model(), s.fold(), "f1_" + classes.get(k), s.confusion().f1(k)));
      }
    }
    spark.createDataFrame(rows, METRICS).coalesce(1).write().mode("overwrite")
        .parquet(new org.apache.hadoop.fs.Path(report.directory(), "metrics.parquet").toString());
    // Confusion counts pooled over the folds, per evaluation and model: what the notebooks chart.
    Map<String, ConfusionMatrix> pooledByRun = new LinkedHashMap<>();
    for (FoldScore s : scores) {
      pooledByRun.computeIfAbsent(s.evaluation() + "\t" + s.model(), k -> new ConfusionMatrix(classes))
          .addAll(s.confusion());
    }
    List<Row> confusion = new ArrayList<>();
    pooledByRun.forEach((run, m) -> {
      String[] em = run.split("\t");
      for (int t = 0; t < classes.size(); t++) {
        for (int p = 0; p < classes.size(); p++) {
          confusion.add(RowFactory.create(em[0], em[1], classes.get(t), classes.get(p), m.count(t, p)));
        }
      }
    });
    spark.createDataFrame(confusion, CONFUSION).coalesce(1).write().mode("overwrite")
        .parquet(new org.apache.hadoop.fs.Path(report.directory(), "confusion.parquet").toString());
    report.writeText("report.md", EarReport.markdown(o, scores, classes, best));
    report.write("macro_f1_by_model.png", out -> out.write(Plots.boxes("Macro-F1 per fold (" + o.folds()
        + "-fold stratified CV)", "macro-F1", EarReport.perModel(scores, "cv", ConfusionMatrix::macroF1))));
    report.write("accuracy_by_model.png", out -> out.write(Plots.boxes("Accuracy per fold (" + o.folds()
        + "-fold stratified CV)", "accuracy", EarReport.perModel(scores, "cv", ConfusionMatrix::accuracy))));
    ConfusionMatrix pooled = EarReport.pooled(scores, "cv", best, classes);
    report.write("confusion_" + best + ".png", out -> out.write(Plots.heatmap("Confusion of " + best
        + " (CV, row-normalised)", "predicted", "true", classes, classes, pooled.rowNormalised())));
  }
}
