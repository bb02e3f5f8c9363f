package org.synthstack.jobs.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.SparkTestBase;
import org.synthstack.learn.Autoencoder;
import org.synthstack.learn.AutoencoderSpec;
import org.synthstack.learn.Hyperparameters;
import org.synthstack.learn.ModelType;
import org.synthstack.learn.OptimizerKind;
import org.synthstack.learn.TrialOutcome;
import org.synthstack.learn.Tuner;

class TuneAutoencoderJobTest extends SparkTestBase {
  @TempDir
  static Path dir;

  @BeforeAll
  static void tables() {
    EmbedFixtures.writeDrums(spark, dir.resolve("drums"), 15, 1);
    EmbedFixtures.writeNoise(spark, dir.resolve("noise"), 20, 2);
  }

  @Test
  void tunesWithBothSearchesAndPublishesTheBestModel() throws Exception {
    TuneAutoencoderJob.Options o = new TuneAutoencoderJob.Options(List.of(dir.resolve("drums").toString()),
        List.of(dir.resolve("noise").toString()), dir.resolve("ae").toString(), dir.resolve("report").toString(),
        List.of(Tuner.Strategy.EGO, Tuner.Strategy.RANDOM), 4, 2, 2, 2, 16, 80, 0.25, 3, false);
    TuneAutoencoderJob.Result r = TuneAutoencoderJob.run(spark, o);

    Dataset<Row> trials = spark.read().parquet(dir.resolve("report/trials.parquet").toString());
    assertThat(trials.count()).isEqualTo(8);
    assertThat(trials.filter("strategy = 'EGO'").count()).isEqualTo(4);
    // The running best never rises, and it is the minimum of the losses so far.
    for (String s : List.of("EGO", "RANDOM")) {
      List<Row> rows = trials.filter("strategy = '" + s + "'").orderBy("trial").collectAsList();
      double min = Double.POSITIVE_INFINITY;
      for (Row row : rows) {
        if (!row.getBoolean(row.fieldIndex("failed"))) {
          min = Math.min(min, row.getDouble(row.fieldIndex("test_loss")));
        }
        assertThat(row.getDouble(row.fieldIndex("best_so_far"))).isEqualTo(min);
      }
    }
    String md = Files.readString(dir.resolve("report/report.md"));
    assertThat(md).contains("| Model Type |", "| Latent Size |", "paper's Table 8", "trials to within 5%");
    byte[] png = Files.readAllBytes(dir.resolve("report/best_loss_vs_trials.png"));
    assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');

    // The published model reproduces the best trial's test loss on the same test spectra, computed here directly.
    assertThat(Files.exists(dir.resolve("ae/_SUCCESS"))).isTrue();
    SpectraData data = SpectraData.load(spark, o.drums(), o.noise(), o.maxSpectra(), o.testFraction(), o.seed());
    assertThat(data.trainCount() + data.testCount()).isEqualTo(80);
    byte[] bytes = AutoencoderArtifact.read(dir.resolve("ae").toString(), spark.sparkContext().hadoopConfiguration());
    try (Autoencoder ae = AutoencoderArtifact.open(bytes, "ae")) {
      assertThat(ae.spec()).isEqualTo(r.best().hyperparameters().spec());
      double mse = ae.loss(ae.modelInputs(data.test(), data.testCount()), data.testCount());
      assertThat(mse).isCloseTo(r.best().loss(), within(1e-6 * r.best().loss()));
    }
  }

  @Test
  void aDivergingTrialIsAFailedOutcomeAndItsNeighbourStillRuns() {
    SpectraData data = SpectraData.load(spark, List.of(dir.resolve("drums").toString()), List.of(), 40, 0.25, 1);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TrialTask task = new TrialTask(jsc.broadcast(data), 2, 8, 1);
    AutoencoderSpec fc = new AutoencoderSpec(ModelType.FC, false, 8, 10, 10, 0);
    List<TrialOutcome> out = jsc.parallelize(List.of(new Hyperparameters(fc, OptimizerKind.SGD, 1e6, 0),
        new Hyperparameters(fc, OptimizerKind.ADAM, 1e-3, 1e-6)), 2).map(task).collect();
    assertThat(out.get(0).failed()).isTrue();
    assertThat(out.get(0).loss()).isNaN();
    assertThat(out.get(0).message()).contains("non-finite");
    assertThat(out.get(1).failed()).isFalse();
    assertThat(out.get(1).loss()).isPositive().isLessThan(1);
  }

  @Test
  void aTableWithoutSpectraIsRefusedNamingTheOption() {
    Path bad = dir.resolve("bad");
    spark.range(3).withColumnRenamed("id", "program_id").write().parquet(bad.toString());
    assertThatThrownBy(() -> SpectraData.load(spark, List.of(bad.toString()), List.of(), 10, 0.2, 1))
        .isInstanceOf(InputException.class).hasMessageContaining("--drums").hasMessageContaining("spectrum");
  }
}
