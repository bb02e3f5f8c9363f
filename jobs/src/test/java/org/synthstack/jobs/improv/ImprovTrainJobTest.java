package org.synthstack.jobs.improv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.improv.Corpus;
import org.synthstack.improv.CorpusFormatException;
import org.synthstack.improv.FeatureSet;
import org.synthstack.improv.Mdrnn;
import org.synthstack.improv.ModelSize;
import org.synthstack.improv.OptimizerSpec;
import org.synthstack.improv.Performance;
import org.synthstack.improv.PerformanceJson;
import org.synthstack.jobs.SparkTestBase;
import org.synthstack.jobs.spark.PartitionPublisher;

/** The Table I grid on a tiny synthetic corpus, in a quick mode that keeps the DJL work to seconds. */
class ImprovTrainJobTest extends SparkTestBase {
  private static final int EPOCHS = 2;
  private static final int SEGMENTS = 3;
  private static final int HORIZON = 15;
  private static final List<String> PLOTTED = List.of("SpectralSkewness");

  @TempDir
  Path dir;

  private ImprovTrainJob.Options options(Path corpus, Path out) {
    return new ImprovTrainJob.Options(corpus.toString(), out.toString(), ImprovTrainJob.tableOne(), ModelSize.XS, 3,
        EPOCHS, 20, 16, 2, 1, 0, 10, HORIZON, SEGMENTS, 1.0, 0.01, PLOTTED, true);
  }

  @Test
  void theGridWritesTableCurvesScoresPlotsAndModels() throws Exception {
    Corpus corpus = ImprovFixtures.corpus(3, 150, 1);
    Path corpusDir = ImprovFixtures.write(corpus, dir.resolve("corpus"));
    Path out = dir.resolve("reports/table1");
    ImprovTrainJob.Result result = ImprovTrainJob.run(spark, options(corpusDir, out));

    assertThat(result.rows()).hasSize(10);
    assertThat(out.resolve(PartitionPublisher.SUCCESS)).exists();
    assertThat(result.segments()).isEqualTo(SEGMENTS);

    // Table I: the seed's ten configurations in its order.
    List<Row> table = spark.read().parquet(out.resolve("table1.parquet").toString()).orderBy("row").collectAsList();
    assertThat(table).hasSize(10);
    assertThat(table.stream().map(r -> r.<String>getAs("optimizer")))
        .containsExactly("Adam", "Adam", "Nadam", "Nadam", "SGD", "SGD", "SGD", "SGD", "SGD", "SGD");
    assertThat(table.stream().map(r -> r.<Double>getAs("learning_rate")))
        .containsExactly(0.001, 0.00005, 0.001, 0.00005, 0.01, 0.01, 0.0005, 0.0005, 0.0005, 0.00005);
    assertThat(table.get(0).<Double>getAs("decay")).isNull();
    assertThat(table.get(4).<Double>getAs("decay")).isCloseTo(0.01 / 130, within(1e-15));
    assertThat(table.stream().map(r -> r.<Boolean>getAs("nesterov")))
        .containsExactly(null, null, null, null, false, true, false, true, false, false);
    assertThat(table.get(8).<Double>getAs("momentum")).isEqualTo(0.9);

    List<Row> curves = spark.read().parquet(out.resolve("loss_curves.parquet").toString())
        .orderBy("row", "epoch").collectAsList();
    for (Row r : table) {
      int row = r.getAs("row");
      List<Row> curve = curves.stream().filter(c -> c.<Integer>getAs("row") == row).toList();
      int epochs = r.getAs("epochs");
      assertThat(curve).hasSize(epochs);
      assertThat(epochs).isBetween(1, EPOCHS);
      // The minimum validation loss and its epoch are the curve's.
      double min = curve.stream().mapToDouble(c -> c.<Double>getAs("validation_loss"))
          .filter(Double::isFinite).min().orElse(Double.NaN);
      assertThat(r.<Double>getAs("min_validation_loss")).isEqualTo(min);
      int best = r.getAs("best_epoch");
      assertThat(curve.get(best - 1).<Double>getAs("validation_loss")).isEqualTo(min);
      // The score: a distance per feature in [0, 1], averaged; resemblance is its complement.
      List<Double> perFeature = r.getList(r.fieldIndex("feature_distance"));
      assertThat(perFeature).hasSize(FeatureSet.SPECTRAL.size()).allSatisfy(d -> assertThat(d).isBetween(0.0, 1.0));
      double mean = perFeature.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      assertThat(r.<Double>getAs("mean_feature_distance")).isCloseTo(mean, within(1e-12));
      assertThat(r.<Double>getAs("resemblance")).isCloseTo(1 - mean, within(1e-12));
      assertThat(r.<Double>getAs("dt_mean_error_ms")).isGreaterThanOrEqualTo(0);
      assertThat(out.resolve(r.<String>getAs("model"))).exists();
    }

    // Scores per segment: ten models and the echo reference.
    List<Row> scores = spark.read().parquet(out.resolve("scores.parquet").toString()).collectAsList();
    assertThat(scores).hasSize(11 * SEGMENTS);
    assertThat(scores.stream().filter(r -> r.<Integer>getAs("row") == 0)).hasSize(SEGMENTS);

    // Plots: PNG images.
    for (int row = 1; row <= 10; row++) {
      for (String name : List.of(String.format("loss-row%02d.png", row),
          String.format("fig-row%02d-%s.png", row, PLOTTED.get(0)))) {
        BufferedImage image = ImageIO.read(out.resolve("plots").resolve(name).toFile());
        assertThat(image).as(name).isNotNull();
        assertThat(image.getWidth()).isEqualTo(900);
      }
    }
    assertThat(out.resolve("plots/validation-loss.png")).exists();
    assertThat(out.resolve("plots/resemblance.png")).exists();
    assertThat(out.resolve("plots/feature-distance.png")).exists();

    // The Markdown table, one line per row.
    String summary = Files.readString(out.resolve("summary.md"));
    assertThat(summary).contains("| row | optimizer | learning rate | learning-rate decay | momentum | Nesterov |",
        "| 5 | SGD | 0.01 | 0.01/130 | 0.8 | False |", "| 8 | SGD | 0.0005 | 0.0005/130 | 0.8 | True |",
        "| 10 | SGD | 0.00005 | 0 | 0 | False |", "echo (input as continuation)", "Quick run");

    // The continuation of row 1 is instrument JSON, de-normalised, with cumulative times.
    Performance continuation =
        PerformanceJson.read(out.resolve("continuations/row01.json"), FeatureSet.SPECTRAL);
    Performance input = PerformanceJson.read(out.resolve("continuations/input.json"), FeatureSet.SPECTRAL);
    assertThat(continuation.frames()).isEqualTo(HORIZON);
    assertThat(input.timeMs()[0]).isCloseTo(0, within(1e-9));
    assertThat(continuation.timeMs()[0]).isGreaterThanOrEqualTo(input.timeMs()[input.frames() - 1]);
    for (int t = 1; t < continuation.frames(); t++) {
      assertThat(continuation.timeMs()[t]).isGreaterThanOrEqualTo(continuation.timeMs()[t - 1]);
    }
    for (int f = 0; f < FeatureSet.SPECTRAL.size(); f++) {
      for (double v : continuation.columns()[f]) {
        assertThat(v).isBetween(corpus.normaliser().min(f), corpus.normaliser().max(f));
      }
    }

    // A model file loads for the instrument's features, with the corpus's normaliser.
    try (Mdrnn model = Mdrnn.load(out.resolve(table.get(0).<String>getAs("model")), FeatureSet.SPECTRAL)) {
      assertThat(model.normaliser()).isEqualTo(corpus.normaliser());
      assertThat(model.spec().size()).isEqualTo(ModelSize.XS);
    }

    // A failed rerun (a corrupt corpus file) leaves the published report as it was.
    Path broken = corpusDir.resolve(Corpus.PERFORMANCES).resolve("0001-synthetic.json");
    Files.writeString(broken, Files.readString(broken).replace("\"SpectralSpread\"", "\"Spread\""));
    assertThatThrownBy(() -> ImprovTrainJob.run(spark, options(corpusDir, out)))
        .isInstanceOf(CorpusFormatException.class)
        .hasMessageContaining("0001-synthetic.json")
        .hasMessageContaining("Analysis.Spectral.SpectralSpread");
    assertThat(out.resolve(PartitionPublisher.SUCCESS)).exists();
    assertThat(out.resolve("summary.md")).exists();
  }

  @Test
  void aSliceKeepsEveryKthPerformanceEndingWithTheLast() {
    Corpus corpus = ImprovFixtures.corpus(8, 100, 3);
    Corpus slice = CorpusPayload.slice(corpus, 200);
    assertThat(slice.performances()).containsExactly(corpus.performances().get(3), corpus.performances().get(7));
    assertThat(slice.normaliser()).isEqualTo(corpus.normaliser());
    assertThat(CorpusPayload.slice(corpus, 0)).isSameAs(corpus);
    assertThat(CorpusPayload.slice(corpus, 800)).isSameAs(corpus);
  }

  @Test
  void aRowTrainsTheSameWayTwice() throws Exception {
    Corpus corpus = ImprovFixtures.corpus(2, 120, 2);
    ImprovTrainJob.TaskSettings settings = new ImprovTrainJob.TaskSettings(ModelSize.XS, 5, 2, 20, 16, 2, 1, 10, 10,
        2, 1.0, 0.01, dir.resolve("models").toString());
    Files.createDirectories(dir.resolve("models"));
    ImprovTrainJob.GridRow row = new ImprovTrainJob.GridRow(7, new OptimizerSpec.Sgd(0.0005, 0.0005 / 130, 0.8, false));
    ImprovTrainJob.RowResult a = ImprovTrainJob.train(corpus, row, settings, new Configuration());
    ImprovTrainJob.RowResult b = ImprovTrainJob.train(corpus, row, settings, new Configuration());
    assertThat(a.trainLoss()).containsExactly(b.trainLoss());
    assertThat(a.validationLoss()).containsExactly(b.validationLoss());
    assertThat(a.mean().featureDistance()).containsExactly(b.mean().featureDistance());
    assertThat(a.firstContinuation()).isDeepEqualTo(b.firstContinuation());
    assertThat(a.model()).isEqualTo("models/row07-sgd-lr5.0E-4-m0.8-decay.mdrnn");
  }
}
