package org.synthstack.jobs.caad;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.synthstack.caad.InstanceSet;
import org.synthstack.jobs.report.ReportWriter;
import org.synthstack.optimize.Bounds;
import org.synthstack.optimize.direct.DirectVariant;
import org.synthstack.optimize.testfunctions.TestFunction;
import org.synthstack.optimize.testfunctions.TestFunctions;

/**
 * The {@code caad} experiments of seed 002 on Spark: {@code verify} (Table II), {@code validate} (REGO on the noise
 * reducer), {@code compare} (REGO against DIRECT on EL with the K losses of every DIRECT point fanned out) and the
 * DIRECT test-function suite.
 *
 * <p>Each repetition of a surrogate optimiser is one Spark task; DIRECT's expected losses run through {@link
 * SparkExpectedLoss}, one Spark job per DIRECT iteration. Everything is computed first and written last, so a failed
 * run writes nothing. Output under {@code OUT}: {@code trajectories/} and {@code evaluations/} (Parquet, {@link
 * CaadRows}), {@code summary.md} and PNG convergence plots; an existing output of the same experiment is replaced.
 */
public final class CaadJob {
  private static final Logger LOG = LoggerFactory.getLogger(CaadJob.class);

  public static final String TRAJECTORIES = "trajectories";
  public static final String EVALUATIONS = "evaluations";
  public static final String SUMMARY = "summary.md";

  private CaadJob() {}

  /** An experiment's runs and report. */
  public record Outcome(String experiment, List<RunResult> runs, CaadReports.Report report) {}

  /**
   * Settings of {@code verify}.
   *
   * @param problems the problems (Table II by default)
   * @param repetitions repetitions per problem, each a Spark task
   * @param iterations single-point iterations after the initial design
   * @param initialDesign initial design size; 0 for the seed's 5 per model input
   * @param seed base seed: repetition r of problem p runs with seed + 1000·p + r (p the label's number)
   */
  public record VerifyOptions(List<VerificationProblem> problems, int repetitions, int iterations, int initialDesign,
      long seed) {}

  /**
   * Settings of {@code validate} and {@code compare}.
   *
   * @param spec the speech and base problem settings (its SNR loss is replaced by each of {@code snrLossesDb})
   * @param snrLossesDb the SNR losses, one problem each
   * @param instances K, the SNR grid size of EL
   * @param repetitions REGO repetitions per problem, each a Spark task
   * @param iterations REGO iterations after the initial design
   * @param initialDesign REGO's initial design (the seed's 5(n + m) = 10)
   * @param seed base seed: repetition r of the i-th SNR loss runs with seed + 1000·i + r
   * @param lowerDb lower bound of G_min
   * @param upperDb upper bound of G_min
   * @param directEvaluations compare: DIRECT's budget of EL evaluations
   * @param tolerance compare: the distance (dB) within which an estimate counts as at the optimum
   * @param slices Spark tasks per batch of expected losses (0: the default parallelism)
   */
  public record NoiseOptions(NoiseProblemSpec spec, double[] snrLossesDb, int instances, int repetitions,
      int iterations, int initialDesign, long seed, double lowerDb, double upperDb, int directEvaluations,
      double tolerance, int slices) {

    public Bounds bounds() {
      return new Bounds(new double[] {lowerDb}, new double[] {upperDb});
    }

    InstanceSet instanceSet() {
      return spec.settings().snr().grid(instances);
    }
  }

  /** Settings of the DIRECT suite. */
  public record SuiteOptions(int maxEvaluations, double percentError) {}

  // ---------------------------------------------------------------------------------------------- verify

  public static Outcome verify(SparkSession spark, VerifyOptions o) throws IOException {
    List<VerifyTask> tasks = new ArrayList<>();
    for (int i = 0; i < o.problems().size(); i++) {
      VerificationProblem p = o.problems().get(i);
      int number = problemNumber(p.label(), i);
      int n0 = o.initialDesign() > 0 ? o.initialDesign() : Runs.seedInitialDesign(p.modelDimension());
      for (int r = 0; r < o.repetitions(); r++) {
        tasks.add(new VerifyTask(p, r, o.seed() + 1000L * number + r, n0, o.iterations()));
      }
    }
    long started = System.nanoTime();
    List<RunResult> runs = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(tasks, Math.max(1, tasks.size()))
        .map(VerifyTask::run)
        .collect();
    double seconds = (System.nanoTime() - started) / 1e9;
    LOG.info("caad verify: {} runs in {} s", runs.size(), String.format("%.1f", seconds));
    return new Outcome("verify", runs, CaadReports.verify(o, runs, seconds, sparkDescription(spark)));
  }

  private static int problemNumber(String label, int index) {
    try {
      return Integer.parseInt(label);
    } catch (NumberFormatException e) {
      return index + 1;
    }
  }

  record VerifyTask(VerificationProblem problem, int repetition, long seed, int initialDesign, int iterations)
      implements Serializable {
    RunResult run() {
      RunResult r = Runs.verify(problem, repetition, seed, initialDesign, iterations);
      LOG.info("caad verify: problem {} repetition {}: distance {} after {} iterations ({} s)", problem.label(),
          repetition, String.format("%.2e", r.last().distance()), iterations, String.format("%.1f", r.seconds()));
      return r;
    }
  }

  // -------------------------------------------------------------------------------------------- validate

  /** One noise problem per SNR loss: its spec (and its broadcast) and the reference optimum of its EL. */
  public record NoiseProblem(double snrLossDb, NoiseProblemSpec spec, Broadcast<NoiseProblemSpec> broadcast,
      ReferenceScan reference, double seconds) {
    String label() {
      return CaadReports.snrLabel(snrLossDb);
    }
  }

  public static Outcome validate(SparkSession spark, NoiseOptions o) throws IOException {
    long started = System.nanoTime();
    List<NoiseProblem> problems = referenceOptima(spark, o);
    double referenceSeconds = (System.nanoTime() - started) / 1e9;
    long regoStarted = System.nanoTime();
    List<RunResult> runs = regoRuns(spark, o, problems);
    double regoSeconds = (System.nanoTime() - regoStarted) / 1e9;
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("reference scans (Spark jobs)", referenceSeconds);
    timings.put("REGO repetitions (Spark tasks)", regoSeconds);
    timings.put("total", (System.nanoTime() - started) / 1e9);
    return new Outcome("validate", runs, CaadReports.validate(o, problems, runs, timings, sparkDescription(spark)));
  }

  /** Builds each problem on the driver (failing early on unsuitable speech) and scans its EL on Spark. */
  static List<NoiseProblem> referenceOptima(SparkSession spark, NoiseOptions o) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<NoiseProblem> problems = new ArrayList<>();
    for (double snrLoss : o.snrLossesDb()) {
      long started = System.nanoTime();
      NoiseProblemSpec spec = o.spec().withSettings(o.spec().settings().withSnrLossDb(snrLoss));
      spec.problem();
      Broadcast<NoiseProblemSpec> broadcast = context.broadcast(spec);
      SparkExpectedLoss el = new SparkExpectedLoss(spark, broadcast, o.instanceSet(), o.slices());
      ReferenceScan reference = ReferenceScan.of(el, o.lowerDb(), o.upperDb());
      LOG.info("caad: SNR_loss {} dB: reference optimum {} dB ({} EL evaluations)", snrLoss,
          String.format("%.3f", reference.argmin()), reference.evaluations());
      problems.add(new NoiseProblem(snrLoss, spec, broadcast, reference, (System.nanoTime() - started) / 1e9));
    }
    return problems;
  }

  static List<RunResult> regoRuns(SparkSession spark, NoiseOptions o, List<NoiseProblem> problems) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<RegoTask> tasks = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      NoiseProblem p = problems.get(i);
      for (int r = 0; r < o.repetitions(); r++) {
        tasks.add(new RegoTask(p.label(), p.broadcast(), o.instances(), o.lowerDb(), o.upperDb(), r,
            o.seed() + 1000L * i + r, o.initialDesign(), o.iterations(), p.reference().argmin()));
      }
    }
    return context.parallelize(tasks, Math.max(1, tasks.size())).map(RegoTask::run).collect();
  }

  record RegoTask(String label, Broadcast<NoiseProblemSpec> spec, int instances, double lowerDb, double upperDb,
      int repetition, long seed, int initialDesign, int iterations, double reference) implements Serializable {
    RunResult run() {
      NoiseProblemSpec s = spec.value();
      RunResult r = Runs.regoOnNoise(label, s.problem(), new Bounds(new double[] {lowerDb}, new double[] {upperDb}),
          s.settings().snr().grid(instances), repetition, seed, initialDesign, iterations, reference);
      LOG.info("caad: REGO on {} repetition {}: G_min {} dB ({} s)", label, repetition,
          String.format("%.3f", r.last().estimate()[0]), String.format("%.1f", r.seconds()));
      return r;
    }
  }

  // --------------------------------------------------------------------------------------------- compare

  /** DIRECT's run on one problem, with what its fan-out cost. */
  public record DirectRun(RunResult run, int sparkJobs, long sparkTasks, long lossEvaluations, double seconds) {}

  public static Outcome compare(SparkSession spark, NoiseOptions o) throws IOException {
    long started = System.nanoTime();
    List<NoiseProblem> problems = referenceOptima(spark, o);
    double referenceSeconds = (System.nanoTime() - started) / 1e9;

    long directStarted = System.nanoTime();
    List<DirectRun> direct = new ArrayList<>();
    for (NoiseProblem p : problems) {
      SparkExpectedLoss el = new SparkExpectedLoss(spark, p.broadcast(), o.instanceSet(), o.slices());
      RunResult run = Runs.directOnExpectedLoss(p.label(), el, o.bounds(), o.directEvaluations(), o.instances(),
          p.reference().argmin());
      LOG.info("caad compare: DIRECT on {}: {} EL evaluations in {} Spark jobs, {} s", p.label(),
          run.evaluations().size(), el.jobs(), String.format("%.1f", el.seconds()));
      direct.add(new DirectRun(run, el.jobs(), el.tasks(), el.lossEvaluations(), el.seconds()));
    }
    double directSeconds = (System.nanoTime() - directStarted) / 1e9;

    long regoStarted = System.nanoTime();
    List<RunResult> rego = regoRuns(spark, o, problems);
    double regoSeconds = (System.nanoTime() - regoStarted) / 1e9;

    List<RunResult> runs = new ArrayList<>(rego);
    direct.forEach(d -> runs.add(d.run()));
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("reference scans (Spark jobs)", referenceSeconds);
    timings.put("DIRECT with the K losses fanned out (Spark jobs)", directSeconds);
    timings.put("REGO repetitions (Spark tasks)", regoSeconds);
    timings.put("total", (System.nanoTime() - started) / 1e9);
    return new Outcome("compare", runs,
        CaadReports.compare(o, problems, rego, direct, timings, sparkDescription(spark)));
  }

  // ---------------------------------------------------------------------------------------- direct suite

  /** DIRECT and DIRECT-L on every test function, to the percent-error stop. Runs in the calling thread. */
  public static Outcome directSuite(SuiteOptions o) {
    List<RunResult> runs = new ArrayList<>();
    for (TestFunction f : TestFunctions.suite()) {
      for (DirectVariant variant : DirectVariant.values()) {
        runs.add(Runs.directOnTestFunction(f, variant, o.maxEvaluations(), o.percentError()));
      }
    }
    return new Outcome("direct-suite", runs, CaadReports.suite(o, runs));
  }

  // ---------------------------------------------------------------------------------------------- output

  /**
   * Writes an outcome under {@code out}: Parquet trajectories and evaluations (replacing earlier ones), the summary
   * and the figures.
   */
  public static void write(SparkSession spark, Outcome outcome, String out) throws IOException {
    String root = out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    writeParquet(spark, CaadRows.trajectoryRows(outcome.experiment(), outcome.runs()), CaadRows.TRAJECTORY,
        root + "/" + TRAJECTORIES);
    writeParquet(spark, CaadRows.evaluationRows(outcome.experiment(), outcome.runs()), CaadRows.EVALUATION,
        root + "/" + EVALUATIONS);
    ReportWriter writer = new ReportWriter(root, spark.sparkContext().hadoopConfiguration());
    for (Map.Entry<String, byte[]> figure : outcome.report().figures().entrySet()) {
      writer.write(figure.getKey(), stream -> stream.write(figure.getValue()));
    }
    writer.writeText(SUMMARY, outcome.report().markdown());
  }

  /** Rows collected on the driver, written in slices of a few thousand rows (one file each; small tasks). */
  private static void writeParquet(SparkSession spark, List<Row> rows, StructType schema, String path) {
    int slices = Math.max(1, (rows.size() + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
    JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices);
    spark.createDataFrame(rdd, schema).write().mode(SaveMode.Overwrite).parquet(path);
  }

  private static final int ROWS_PER_FILE = 2000;

  static String sparkDescription(SparkSession spark) {
    return spark.sparkContext().master() + ", default parallelism " + spark.sparkContext().defaultParallelism();
  }
}
