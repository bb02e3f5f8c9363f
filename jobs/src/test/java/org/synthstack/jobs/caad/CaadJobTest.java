package org.synthstack.jobs.caad;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.caad.ExpectedLoss;
import org.synthstack.caad.InstanceSet;
import org.synthstack.caad.NoiseReductionProblem;
import org.synthstack.caad.SyntheticSpeech;
import org.synthstack.jobs.SparkTestBase;

class CaadJobTest extends SparkTestBase {
  private static final NoiseReductionProblem.Settings SETTINGS = NoiseReductionProblem.Settings.defaults();
  /** Synthetic speech (the tests never need the LibriVox package). */
  private static final double[] SPEECH = SyntheticSpeech.generate(16_000, 1.2, 3);
  private static final NoiseProblemSpec SPEC = new NoiseProblemSpec("synthetic test speech", SPEECH, 16_000, SETTINGS);

  @TempDir
  Path dir;

  private static Dataset<Row> parquet(Path path) {
    return spark.read().parquet(path.toString());
  }

  private static void assertPng(Path file) throws Exception {
    assertThat(file).exists();
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(560);
    assertThat(Files.size(file)).isLessThan(200_000);
  }

  @Test
  void sparkFanOutOfTheInstanceLossesGivesBitIdenticalExpectedLosses() {
    Broadcast<NoiseProblemSpec> broadcast =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(SPEC);
    InstanceSet sampled = SETTINGS.snr().sample(7, 99);
    SparkExpectedLoss fannedOut = new SparkExpectedLoss(spark, broadcast, sampled, 3);
    List<double[]> points = List.of(new double[] {-3}, new double[] {-9.5}, new double[] {-20}, new double[] {0});

    double[] values = fannedOut.evaluate(points);

    // The sequential reference on a problem built independently of the executors' cache.
    NoiseReductionProblem independent = NoiseReductionProblem.of(SPEECH.clone(), 16_000, SETTINGS);
    double[] sequential = new double[points.size()];
    for (int i = 0; i < sequential.length; i++) {
      sequential[i] = ExpectedLoss.of(independent.instanceLoss(), points.get(i)[0], sampled);
    }
    assertThat(values).containsExactly(sequential);
    assertThat(fannedOut.jobs()).isEqualTo(1);
    assertThat(fannedOut.tasks()).isEqualTo(3);
    assertThat(fannedOut.lossEvaluations()).isEqualTo(28);

    InstanceSet grid = SETTINGS.snr().grid(9);
    double[] gridValues = new SparkExpectedLoss(spark, broadcast, grid, 0).evaluate(points.subList(1, 2));
    assertThat(gridValues).containsExactly(independent.expectedLoss(-9.5, grid));
  }

  /** Two runs are the same run: every evaluation (point and raw value) and every trajectory row, bit for bit. */
  private static void assertSameRun(RunResult actual, RunResult expected) {
    assertSameRun(actual, expected, true);
  }

  /** As above; {@code withDistances} false when the two runs measured against different references. */
  private static void assertSameRun(RunResult actual, RunResult expected, boolean withDistances) {
    assertThat(actual.seed()).isEqualTo(expected.seed());
    assertThat(actual.evaluations()).hasSameSizeAs(expected.evaluations());
    for (int i = 0; i < expected.evaluations().size(); i++) {
      EvaluationRecord a = actual.evaluations().get(i);
      EvaluationRecord e = expected.evaluations().get(i);
      assertThat(a.point()).as("evaluation %d", i).containsExactly(e.point());
      assertThat(Double.doubleToRawLongBits(a.value())).as("evaluation %d", i)
          .isEqualTo(Double.doubleToRawLongBits(e.value()));
    }
    assertThat(actual.trajectory()).hasSameSizeAs(expected.trajectory());
    for (int t = 0; t < expected.trajectory().size(); t++) {
      TrajectoryPoint a = actual.trajectory().get(t);
      TrajectoryPoint e = expected.trajectory().get(t);
      assertThat(a.estimate()).as("row %d", t).containsExactly(e.estimate());
      assertThat(a.estimateValue()).as("row %d", t).isEqualTo(e.estimateValue());
      if (withDistances) {
        assertThat(a.distance()).as("row %d", t).isEqualTo(e.distance());
      }
      assertThat(a.lossEvaluations()).as("row %d", t).isEqualTo(e.lossEvaluations());
    }
  }

  @Test
  void aRepetitionIsTheSameRunAloneOnTheDriverAsInsideASparkJob() throws Exception {
    // Seeds are S + 1000·p + r, so repetition r does not depend on how many repetitions run or where.
    VerificationProblem one = VerificationProblem.tableII().get(0);
    VerificationProblem four = VerificationProblem.tableII().get(3);
    CaadJob.Outcome outcome = CaadJob.verify(spark, new CaadJob.VerifyOptions(List.of(one, four), 3, 5, 0, 11));
    RunResult sparkOne = outcome.runs().stream().filter(r -> r.problem().equals("1") && r.repetition() == 2)
        .findFirst().orElseThrow();
    RunResult sparkFour = outcome.runs().stream().filter(r -> r.problem().equals("4") && r.repetition() == 1)
        .findFirst().orElseThrow();
    assertSameRun(sparkOne, Runs.verify(one, 2, 11 + 1000 + 2, 5, 5));
    assertSameRun(sparkFour, Runs.verify(four, 1, 11 + 4000 + 1, 10, 5));

    // A second, smaller Spark run (one repetition, one problem) gives the same repetition 0.
    CaadJob.Outcome alone = CaadJob.verify(spark, new CaadJob.VerifyOptions(List.of(four), 1, 5, 0, 11));
    assertSameRun(alone.runs().get(0), outcome.runs().stream()
        .filter(r -> r.problem().equals("4") && r.repetition() == 0).findFirst().orElseThrow());
    // Different repetitions are different runs (the seed reaches the optimiser).
    assertThat(sparkFour.evaluations().get(0).point()).isNotEqualTo(alone.runs().get(0).evaluations().get(0).point());
  }

  @Test
  void verifyWritesTrajectoriesEvaluationsSummaryAndPlots() throws Exception {
    List<VerificationProblem> problems = List.of(VerificationProblem.tableII().get(0),
        VerificationProblem.tableII().get(3));
    CaadJob.Outcome outcome = CaadJob.verify(spark, new CaadJob.VerifyOptions(problems, 2, 8, 0, 1));
    Path out = dir.resolve("verify");
    CaadJob.write(spark, outcome, out.toString());

    Dataset<Row> trajectories = parquet(out.resolve(CaadJob.TRAJECTORIES));
    // Parquet reads every column back as nullable; names and types are the contract.
    assertThat(trajectories.schema().simpleString()).isEqualTo(CaadRows.TRAJECTORY.simpleString());
    assertThat(trajectories.count()).isEqualTo(2 * 2 * 9);
    assertThat(trajectories.filter("problem = '4' AND repetition = 1").count()).isEqualTo(9);
    List<Row> finals = trajectories.filter("iteration = 8").collectAsList();
    assertThat(finals).hasSize(4).allSatisfy(r -> {
      assertThat(r.<Double>getAs("distance_to_final")).isZero();
      assertThat(r.<String>getAs("experiment")).isEqualTo("verify");
    });
    // Problem 1 starts from 5 points, problem 4 from 10: loss evaluations follow.
    assertThat(trajectories.filter("problem = '1' AND iteration = 0").select("loss_evaluations").as(
        org.apache.spark.sql.Encoders.LONG()).collectAsList()).containsOnly(5L);
    assertThat(trajectories.filter("problem = '4' AND iteration = 8").select("loss_evaluations").as(
        org.apache.spark.sql.Encoders.LONG()).collectAsList()).containsOnly(18L);

    Dataset<Row> evaluations = parquet(out.resolve(CaadJob.EVALUATIONS));
    assertThat(evaluations.schema().simpleString()).isEqualTo(CaadRows.EVALUATION.simpleString());
    assertThat(evaluations.count()).isEqualTo(2 * (5 + 8) + 2 * (10 + 8));
    assertThat(evaluations.filter("problem = '4'").first().<scala.collection.Seq<Double>>getAs("point").size())
        .isEqualTo(2);

    String summary = Files.readString(out.resolve(CaadJob.SUMMARY));
    assertThat(summary).contains("| 1 | EGO |").contains("| 4 | REGO |").contains("θ* = +0.7365")
        .doesNotContain("| 2 | EGO |");
    assertThat(outcome.report().figures().keySet()).containsExactly("verify-convergence.png",
        "verify-problem-1.png", "verify-problem-4.png");
    for (String figure : outcome.report().figures().keySet()) {
      assertPng(out.resolve(figure));
    }
  }

  @Test
  void nanFromTheBlackBoxIsRecordedPenalisedAndSurfacedInTheReport() throws Exception {
    VerificationProblem base = VerificationProblem.tableII().get(0);
    VerificationProblem failing = new VerificationProblem("1", Method.EGO, "θ (NaN above 0.5)", "-", "-",
        base.designLower(), base.designUpper(), 0, 0, 0, 0, base.optima(),
        x -> x[0] > 0.5 ? Double.NaN : VerificationProblem.sineWithDip(x[0]));
    CaadJob.Outcome outcome = CaadJob.verify(spark, new CaadJob.VerifyOptions(List.of(failing), 2, 4, 0, 1));
    Path out = dir.resolve("nan");
    CaadJob.write(spark, outcome, out.toString());

    long failed = parquet(out.resolve(CaadJob.EVALUATIONS)).filter("NOT finite").count();
    assertThat(failed).isPositive();
    assertThat(parquet(out.resolve(CaadJob.EVALUATIONS)).filter("NOT finite AND isnan(value)").count())
        .isEqualTo(failed);
    String summary = Files.readString(out.resolve(CaadJob.SUMMARY));
    assertThat(summary).contains("black-box evaluations returned NaN").contains("penalty");
    assertThat(summary).contains("| " + failed + " |");
    assertThat(outcome.runs()).allSatisfy(r -> assertThat(r.last().estimateValue()).isFinite());
  }

  private CaadJob.NoiseOptions noiseOptions() {
    return new CaadJob.NoiseOptions(SPEC, new double[] {5, 10}, 5, 2, 8, 10, 1, -40, 0, 6, 0.5, 0);
  }

  @Test
  void validateRunsRegoRepetitionsAsTasksAndReportsEachSnrLoss() throws Exception {
    CaadJob.Outcome outcome = CaadJob.validate(spark, noiseOptions());
    Path out = dir.resolve("validate");
    CaadJob.write(spark, outcome, out.toString());

    Dataset<Row> trajectories = parquet(out.resolve(CaadJob.TRAJECTORIES));
    assertThat(trajectories.count()).isEqualTo(2 * 2 * 9);
    assertThat(trajectories.select("problem").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrder("SNR_loss 5 dB", "SNR_loss 10 dB");
    assertThat(trajectories.filter("method <> 'REGO'").count()).isZero();
    assertThat(parquet(out.resolve(CaadJob.EVALUATIONS)).count()).isEqualTo(2 * 2 * 18);
    // Every REGO answer lies in the bounds, and the harder SNR loss asks for a lower gain floor.
    assertThat(outcome.runs()).allSatisfy(r -> assertThat(r.last().estimate()[0]).isBetween(-40.0, 0.0));
    double mean5 = outcome.runs().stream().filter(r -> r.problem().equals("SNR_loss 5 dB"))
        .mapToDouble(r -> r.last().estimate()[0]).average().orElseThrow();
    double mean10 = outcome.runs().stream().filter(r -> r.problem().equals("SNR_loss 10 dB"))
        .mapToDouble(r -> r.last().estimate()[0]).average().orElseThrow();
    assertThat(mean10).isLessThan(mean5 - 2);
    // Determinism: repetition 1 of SNR_loss 10 dB (seed 1 + 1000 + 1), run alone on the driver from a problem
    // built independently of the broadcast, is the Spark task's run (distances aside: no reference scan here).
    NoiseReductionProblem tenDb = NoiseReductionProblem.of(SPEECH.clone(), 16_000, SETTINGS.withSnrLossDb(10));
    RunResult sparkRun = outcome.runs().stream()
        .filter(r -> r.problem().equals("SNR_loss 10 dB") && r.repetition() == 1).findFirst().orElseThrow();
    RunResult driverRun = Runs.regoOnNoise("SNR_loss 10 dB", tenDb, noiseOptions().bounds(), SETTINGS.snr().grid(5),
        1, 1 + 1000 + 1, 10, 8, Double.NaN);
    assertSameRun(sparkRun, driverRun, false);

    String summary = Files.readString(out.resolve(CaadJob.SUMMARY));
    assertThat(summary).contains("synthetic test speech").contains("| 5 dB |").contains("| 10 dB |")
        .contains("## Wall time");
    assertPng(out.resolve("validate-snr-loss-5.png"));
    assertPng(out.resolve("validate-snr-loss-10.png"));
  }

  @Test
  void compareReportsDirectAndRegoWithTheirLossEvaluations() throws Exception {
    CaadJob.Outcome outcome = CaadJob.compare(spark, noiseOptions());
    Path out = dir.resolve("compare");
    CaadJob.write(spark, outcome, out.toString());

    Dataset<Row> trajectories = parquet(out.resolve(CaadJob.TRAJECTORIES));
    Dataset<Row> direct = trajectories.filter("method = 'DIRECT'");
    // One row per EL evaluation (at most the budget of 6), each costing K = 5 evaluations of L.
    List<RunResult> directRuns = outcome.runs().stream().filter(r -> r.method() == Method.DIRECT).toList();
    assertThat(directRuns).hasSize(2).allSatisfy(r -> assertThat(r.evaluations().size()).isBetween(3, 6));
    assertThat(direct.count()).isEqualTo(directRuns.stream().mapToLong(r -> r.evaluations().size()).sum());
    assertThat(direct.filter("loss_evaluations <> 5 * objective_evaluations").count()).isZero();
    assertThat(trajectories.filter("method = 'REGO'").count()).isEqualTo(2 * 2 * 9);
    assertThat(trajectories.select("experiment").distinct().as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList()).containsExactly("compare");

    String summary = Files.readString(out.resolve(CaadJob.SUMMARY));
    assertThat(summary).contains("| DIRECT |").contains("REGO (2 runs)").contains("DIRECT / REGO")
        .contains("## Against the reference optimum, by tolerance").contains("Spark jobs");
    Files.list(out).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
        .collect(Collectors.toSet()).forEach(n -> assertThat(n).startsWith("compare-"));
    assertPng(out.resolve("compare-snr-loss-5.png"));
  }
}
