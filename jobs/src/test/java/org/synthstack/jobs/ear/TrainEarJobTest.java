package org.synthstack.jobs.ear;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.SparkTestBase;

class TrainEarJobTest extends SparkTestBase {
  @TempDir
  Path dir;

  @Test
  void comparesModelsReportsAndSavesAnEarThatClassifies() throws Exception {
    EarFixtures.writeDrums(spark, dir.resolve("drums"), 24, 4, 1);
    EarFixtures.writeNoise(spark, dir.resolve("noise"), 40, 2);
    TrainEarJob.Result result = TrainEarJob.run(spark, new TrainEarJob.Options(
        List.of(dir.resolve("drums").toString()), List.of(dir.resolve("noise").toString()),
        dir.resolve("ear").toString(), dir.resolve("report").toString(), 3, 2, 5, EarData.Weighting.ORIGINAL,
        List.of("RandomForest", "LogisticRegression"), EarModels.Size.QUICK, null, 1000));

    // Separable by construction: every model should be near perfect in cross-validation.
    assertThat(result.macroF1ByModel()).containsOnlyKeys("RandomForest", "LogisticRegression");
    for (double[] folds : result.macroF1ByModel().values()) {
      assertThat(folds).hasSize(3);
      for (double f1 : folds) {
        assertThat(f1).isGreaterThan(0.9);
      }
    }
    assertThat(result.scores()).extracting(TrainEarJob.FoldScore::evaluation)
        .containsOnly("cv", "tpe", "unseen-kit");
    Path report = dir.resolve("report");
    assertThat(report.resolve("report.md")).exists();
    assertThat(Files.readString(report.resolve("report.md"))).contains("| RandomForest |").contains("Unseen kits");
    for (String png : List.of("macro_f1_by_model.png", "accuracy_by_model.png",
        "confusion_" + result.bestModel() + ".png")) {
      assertThat(Files.readAllBytes(report.resolve(png))).startsWith((byte) 0x89, (byte) 'P');
    }
    Dataset<Row> metrics = spark.read().parquet(report.resolve("metrics.parquet").toString());
    // 2 models x 3 folds + 3 TPE folds + 2 unseen-kit folds, 3 + 5 metrics each.
    assertThat(metrics.count()).isEqualTo((6 + 3 + 2) * 8);

    Ear ear = Ear.load(spark, dir.resolve("ear").toString());
    assertThat(ear.metadata().classes()).containsExactlyElementsOf(EarData.MEM_CLASSES);
    Dataset<Row> noise = spark.read().parquet(dir.resolve("noise").toString());
    List<Row> scored = ear.classify(noise).collectAsList();
    long drums = scored.stream().filter(r -> r.<Boolean>getAs("is_drum")).count();
    assertThat(drums).isLessThanOrEqualTo(2);
    for (Row r : scored) {
      assertThat(r.<Double>getAs("ear_probability")).isBetween(0.0, 1.0);
      assertThat(r.<Double>getAs("drum_probability")).isBetween(0.0, 1.0);
      assertThat(r.<String>getAs("ear_label")).isIn(EarData.MEM_CLASSES);
      // The whole vector, in class order: it sums to 1, its argmax is the label, its noise entry 1 - P(drum).
      List<Double> p = r.getList(r.fieldIndex(Ear.CLASS_PROBABILITIES));
      assertThat(p).hasSize(EarData.MEM_CLASSES.size());
      assertThat(p.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
      int label = EarData.MEM_CLASSES.indexOf(r.<String>getAs("ear_label"));
      assertThat(p.get(label)).isEqualTo(r.<Double>getAs("ear_probability")).isEqualTo(java.util.Collections.max(p));
      assertThat(1 - p.get(EarData.MEM_CLASSES.indexOf(EarData.NOISE)))
          .isCloseTo(r.<Double>getAs("drum_probability"), within(1e-12));
    }
    Dataset<Row> kicks = spark.read().parquet(dir.resolve("drums").toString()).filter(col("label").equalTo("kick"));
    assertThat(ear.classify(kicks).filter(col("ear_label").equalTo("kick")).count())
        .isGreaterThanOrEqualTo(kicks.count() - 2);
  }

  @Test
  void extraNoiseJoinsWholeWhileNoiseDbIsSampled() {
    EarFixtures.writeNoise(spark, dir.resolve("noise"), 40, 2);
    EarFixtures.writeNoise(spark, dir.resolve("raw-extra"), 7, 3);
    spark.read().parquet(dir.resolve("raw-extra").toString())
        .withColumn("program_id", org.apache.spark.sql.functions.concat(
            org.apache.spark.sql.functions.lit("rejected_"), col("program_id")))
        .withColumn("stack_size", org.apache.spark.sql.functions.lit(3))
        .write().parquet(dir.resolve("extra").toString());
    TrainEarJob.Options o = new TrainEarJob.Options(List.of(), List.of(dir.resolve("noise").toString()), null, null,
        3, 2, 5, EarData.Weighting.ORIGINAL, List.of(), EarModels.Size.QUICK, null, 10,
        List.of(dir.resolve("extra").toString()));
    Dataset<Row> noise = TrainEarJob.noise(spark, o);
    // 10 of the 40 sampled, all 7 extra rows kept (extra columns dropped).
    assertThat(noise.count()).isEqualTo(17);
    assertThat(noise.filter(col("program_id").startsWith("rejected_")).count()).isEqualTo(7);
    assertThat(noise.columns()).containsExactly("program_id", "envelope", "frequency", "spectrum");
    TrainEarJob.Options missing = new TrainEarJob.Options(List.of(), List.of(dir.resolve("noise").toString()), null,
        null, 3, 2, 5, EarData.Weighting.ORIGINAL, List.of(), EarModels.Size.QUICK, null, 10,
        List.of(dir.resolve("nope").toString()));
    assertThatThrownBy(() -> TrainEarJob.noise(spark, missing)).isInstanceOf(InputException.class)
        .hasMessageContaining("--extra-noise");
  }

  @Test
  void incompleteOrMissingInputsAreRejectedBeforeTraining() {
    assertThatThrownBy(() -> TrainEarJob.run(spark, new TrainEarJob.Options(List.of(dir.resolve("nope").toString()),
        List.of(dir.toString()), dir.resolve("ear").toString(), dir.resolve("report").toString(), 3, 2, 1,
        EarData.Weighting.ORIGINAL, List.of(), EarModels.Size.QUICK, null, 1000)))
        .isInstanceOf(InputException.class).hasMessageContaining("--drums").hasMessageContaining("does not exist");
    assertThatThrownBy(() -> Ear.load(spark, dir.toString())).isInstanceOf(InputException.class)
        .hasMessageContaining("no _SUCCESS");
    assertThatThrownBy(() -> EarModels.select(EarModels.Size.QUICK, 1, List.of("KNN")))
        .hasMessageContaining("unknown model 'KNN'");
  }
}
