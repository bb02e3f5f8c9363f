package org.synthstack.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.synthstack.caad.NoiseReductionProblem;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.caad.CaadJob;
import org.synthstack.jobs.caad.CaadReports;
import org.synthstack.jobs.caad.NoiseProblemSpec;
import org.synthstack.jobs.caad.SpeechInput;
import org.synthstack.jobs.caad.VerificationProblem;
import org.synthstack.optimize.Bounds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code caad}: the computer-aided algorithm design experiments of seed 002. */
@Command(name = "caad", mixinStandardHelpOptions = true,
    description = "Computer-aided algorithm design (seed 002): DIRECT, EGO and REGO on test functions and on a "
        + "noise reducer's expected loss, on Spark.",
    subcommands = {CaadCommand.Verify.class, CaadCommand.Validate.class, CaadCommand.Compare.class,
        CaadCommand.DirectSuite.class})
final class CaadCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: verify, validate, compare or direct-suite");
  }

  /** Prints the summary and writes the outcome; the session is always stopped. */
  private static void finish(SparkSession session, CaadJob.Outcome outcome, String out, PrintWriter console)
      throws Exception {
    CaadJob.write(session, outcome, out);
    console.println(outcome.report().markdown());
    console.printf("wrote %s/{%s,%s}, %s and %d figures%n", out, CaadJob.TRAJECTORIES, CaadJob.EVALUATIONS,
        CaadJob.SUMMARY, outcome.report().figures().size());
    console.flush();
  }

  static int positive(CommandSpec spec, String name, int value, int min) {
    if (value < min) {
      throw new ParameterException(spec.commandLine(), name + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  /** Resolves --iterations / --budget against the initial design. */
  static int iterations(CommandSpec spec, Integer iterations, Integer budget, int initialDesign, int fallback) {
    if (iterations != null && budget != null) {
      throw new ParameterException(spec.commandLine(), "--iterations and --budget exclude each other");
    }
    if (budget != null) {
      if (budget <= initialDesign) {
        throw new ParameterException(spec.commandLine(), "--budget " + budget + " must exceed the initial design of "
            + initialDesign + " points (--initial-design): a surrogate run needs at least one iteration");
      }
      return budget - initialDesign;
    }
    return positive(spec, "--iterations", iterations != null ? iterations : fallback, 1);
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "The seed's Table II: EGO and REGO on seven toy problems (the 1-D sine with a dip and the "
          + "rotated six-hump camel), repetitions as Spark tasks; distance to the known optimum per iteration.")
  static final class Verify implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (local, hdfs://, "
        + "s3a://): trajectories/, evaluations/ (Parquet), summary.md, PNG plots.")
    String out;

    @Option(names = "--repetitions", paramLabel = "R", description = "Repetitions per problem (default 20; quick 4).")
    Integer repetitions;

    @Option(names = "--iterations", paramLabel = "T", description = "Iterations after the initial design (default 50; "
        + "quick 15).")
    Integer iterations;

    @Option(names = "--budget", paramLabel = "B", description = "Evaluations per run, initial design included "
        + "(instead of --iterations; needs --initial-design).")
    Integer budget;

    @Option(names = "--initial-design", paramLabel = "N", description = "Initial design size (default: the seed's "
        + "5 per model input, 5 or 10).")
    Integer initialDesign;

    @Option(names = "--problems", paramLabel = "LIST", split = ",", description = "Table II problems to run, e.g. "
        + "1,4,5 (default: all seven).")
    List<Integer> problems;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Base seed (default: "
        + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = "4 repetitions × 15 iterations unless given.")
    boolean quick;

    @Mixin
    SparkOptions spark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<VerificationProblem> all = VerificationProblem.tableII();
      List<VerificationProblem> chosen = new ArrayList<>();
      if (problems == null) {
        chosen.addAll(all);
      } else {
        Set<Integer> seen = new LinkedHashSet<>(problems);
        for (int p : seen) {
          if (p < 1 || p > all.size()) {
            throw new ParameterException(spec.commandLine(), "--problems: no problem " + p + " in Table II (1..7)");
          }
          chosen.add(all.get(p - 1));
        }
      }
      int reps = positive(spec, "--repetitions", repetitions != null ? repetitions : quick ? 4 : 20, 1);
      if (budget != null && initialDesign == null) {
        throw new ParameterException(spec.commandLine(), "--budget needs --initial-design (the problems' default "
            + "designs differ: 5 points for problem 1, 10 for the others)");
      }
      int n0 = initialDesign != null ? positive(spec, "--initial-design", initialDesign, 1) : 0;
      int t = iterations(spec, iterations, budget, n0, quick ? 15 : 50);
      CaadJob.VerifyOptions options = new CaadJob.VerifyOptions(chosen, reps, t, n0, seed);
      SparkSession session = spark.session("synthstack caad verify");
      try {
        finish(session, CaadJob.verify(session, options), out, spec.commandLine().getOut());
        return 0;
      } finally {
        session.stop();
      }
    }
  }

  /** Options of the two noise-reduction experiments. */
  static final class NoiseArguments {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (local, hdfs://, "
        + "s3a://): trajectories/, evaluations/ (Parquet), summary.md, PNG plots.")
    String out;

    @Option(names = "--speech", paramLabel = "FILE", description = "Clean speech (WAV, FLAC or Ogg; mixed to mono, "
        + "resampled to 16 kHz). Default: the LibriVox sentence "
        + "data-catalog/.build/librivox-speech/usr/share/pocketsphinx/test/data/librivox/"
        + "sense_and_sensibility_01_austen_64kb-0930.wav (build it with data-catalog/librivox-speech/build.sh), then "
        + "/usr/share/pocketsphinx/test/data/librivox/…, else synthetic speech with a warning.")
    Path speech;

    @Option(names = "--synthetic-speech", description = "Use the synthetic stand-in (3.3 s, seed 1) even if the "
        + "recording is there.")
    boolean syntheticSpeech;

    @Option(names = "--snr-loss", split = ",", paramLabel = "DB", description = "SNR losses in dB, one problem each "
        + "(default: 5,7,10).")
    double[] snrLoss;

    @Option(names = "--instances", defaultValue = "50", paramLabel = "K", description = "K, SNRs in the expected "
        + "loss grid (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--repetitions", paramLabel = "R", description = "REGO repetitions per SNR loss (default 10; "
        + "quick 3).")
    Integer repetitions;

    @Option(names = "--iterations", paramLabel = "T", description = "REGO iterations after the initial design "
        + "(default 25; quick 10).")
    Integer iterations;

    @Option(names = "--budget", paramLabel = "B", description = "REGO evaluations of L per run, initial design "
        + "included (instead of --iterations).")
    Integer budget;

    @Option(names = "--initial-design", defaultValue = "10", paramLabel = "N", description = "REGO's initial design "
        + "(default: the seed's 5(n + m) = ${DEFAULT-VALUE}).")
    int initialDesign;

    @Option(names = "--gain-floor-range", defaultValue = "-40:0", paramLabel = "LO:HI", description = "Bounds of "
        + "G_min in dB, LO < HI <= 0 (default: ${DEFAULT-VALUE}).")
    String gainFloorRange;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Base seed (default: "
        + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--noise-seed", defaultValue = "1", paramLabel = "S", description = "Seed of the white noise "
        + "(default: ${DEFAULT-VALUE}).")
    long noiseSeed;

    @Option(names = "--slices", defaultValue = "0", paramLabel = "P", description = "Spark tasks per batch of "
        + "expected losses (default: the default parallelism).")
    int slices;

    @Option(names = "--tolerance", defaultValue = "0.5", paramLabel = "DB", description = "Distance to the optimum "
        + "(dB of G_min) that counts as there, for the tables (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--quick", description = "Fewer repetitions and iterations (and DIRECT evaluations) unless "
        + "given.")
    boolean quick;

    double[] bounds(CommandSpec spec) {
      String[] parts = gainFloorRange.split(":", -1);
      double lo;
      double hi;
      try {
        if (parts.length != 2) {
          throw new NumberFormatException();
        }
        lo = Double.parseDouble(parts[0].trim());
        hi = Double.parseDouble(parts[1].trim());
      } catch (NumberFormatException e) {
        throw new ParameterException(spec.commandLine(), "--gain-floor-range must be LO:HI in dB, e.g. -40:0, got '"
            + gainFloorRange + "'");
      }
      try {
        new Bounds(new double[] {lo}, new double[] {hi});
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--gain-floor-range " + gainFloorRange
            + ": lower bound must be finite and below the upper bound (" + e.getMessage() + ")");
      }
      if (hi > 0) {
        throw new ParameterException(spec.commandLine(), "--gain-floor-range " + gainFloorRange
            + ": G_min is a gain floor, the upper bound must be <= 0 dB");
      }
      return new double[] {lo, hi};
    }

    CaadJob.NoiseOptions options(CommandSpec spec, int directEvaluations, PrintWriter err) {
      double[] range = bounds(spec);
      if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
        throw new ParameterException(spec.commandLine(), "--tolerance must be a positive number of dB, got "
            + tolerance);
      }
      double[] losses = snrLoss != null ? snrLoss : new double[] {5, 7, 10};
      if (losses.length == 0) {
        throw new ParameterException(spec.commandLine(), "--snr-loss needs at least one value");
      }
      for (double l : losses) {
        if (!Double.isFinite(l)) {
          throw new ParameterException(spec.commandLine(), "--snr-loss values must be finite dB, got " + l);
        }
      }
      positive(spec, "--instances", instances, 1);
      int reps = positive(spec, "--repetitions", repetitions != null ? repetitions : quick ? 3 : 10, 1);
      int n0 = positive(spec, "--initial-design", initialDesign, 1);
      int t = iterations(spec, iterations, budget, n0, quick ? 10 : 25);
      if (slices < 0) {
        throw new ParameterException(spec.commandLine(), "--slices must not be negative");
      }
      NoiseReductionProblem.Settings settings = NoiseReductionProblem.Settings.defaults().withNoiseSeed(noiseSeed);
      NoiseProblemSpec problem = SpeechInput.load(speech, syntheticSpeech, settings.reducer().sampleRate(),
          SpeechInput.defaultCandidates(SpeechInput.repositoryHome()), message -> {
            err.println("caad: " + message);
            err.flush();
          }, settings);
      try {
        for (double l : losses) {
          problem.withSettings(settings.withSnrLossDb(l)).problem();
        }
      } catch (IllegalArgumentException e) {
        throw new InputException((speech != null ? "--speech " + speech : problem.speechName()) + ": unusable as "
            + "clean speech: " + e.getMessage(), e);
      }
      return new CaadJob.NoiseOptions(problem, Arrays.copyOf(losses, losses.length), instances, reps, t, n0, seed,
          range[0], range[1], directEvaluations, tolerance, slices);
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "REGO on the noise reducer's expected loss for SNR losses 5, 7 and 10 dB (the seed's Fig. 8): "
          + "repetitions as Spark tasks, reference optima from a scan of EL fanned out on Spark.")
  static final class Validate implements Callable<Integer> {
    @Mixin
    NoiseArguments arguments;

    @Mixin
    SparkOptions spark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      CaadJob.NoiseOptions options = arguments.options(spec, 0, spec.commandLine().getErr());
      SparkSession session = spark.session("synthstack caad validate");
      try {
        finish(session, CaadJob.validate(session, options), arguments.out, spec.commandLine().getOut());
        return 0;
      } finally {
        session.stop();
      }
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "REGO against DIRECT on EL with K = 50 SNRs (the seed's Fig. 9): DIRECT's K losses per point run "
          + "as Spark tasks, one Spark job per DIRECT iteration; reports the L evaluations each method needs to "
          + "come within a tolerance of the optimum, and the DIRECT-to-REGO ratio.")
  static final class Compare implements Callable<Integer> {
    @Mixin
    NoiseArguments arguments;

    @Option(names = "--direct-evaluations", paramLabel = "M", description = "DIRECT's budget of EL evaluations "
        + "(default 30; quick 15).")
    Integer directEvaluations;

    @Mixin
    SparkOptions spark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      int m = positive(spec, "--direct-evaluations", directEvaluations != null ? directEvaluations
          : arguments.quick ? 15 : 30, 1);
      CaadJob.NoiseOptions options = arguments.options(spec, m, spec.commandLine().getErr());
      SparkSession session = spark.session("synthstack caad compare");
      try {
        finish(session, CaadJob.compare(session, options), arguments.out, spec.commandLine().getOut());
        return 0;
      } finally {
        session.stop();
      }
    }
  }

  @Command(name = "direct-suite", mixinStandardHelpOptions = true,
      description = "DIRECT and DIRECT-L on the test-function suite to 0.01 %% error: evaluations, best value and "
          + "percent error beside the published counts (camel 285, Branin 195, Goldstein-Price 191).")
  static final class DirectSuite implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "Also write trajectories/, evaluations/ (Parquet), "
        + "summary.md and PNG plots here.")
    String out;

    @Option(names = "--max-evaluations", defaultValue = "20000", paramLabel = "N", description = "Budget per run "
        + "(default: ${DEFAULT-VALUE}).")
    int maxEvaluations;

    @Option(names = "--percent-error", defaultValue = "0.01", paramLabel = "P", description = "Stop below this "
        + "percent error (default: ${DEFAULT-VALUE}).")
    double percentError;

    @Mixin
    SparkOptions spark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      positive(spec, "--max-evaluations", maxEvaluations, 1);
      if (!(percentError > 0) || !Double.isFinite(percentError)) {
        throw new ParameterException(spec.commandLine(), "--percent-error must be a positive number, got "
            + percentError);
      }
      CaadJob.Outcome outcome = CaadJob.directSuite(new CaadJob.SuiteOptions(maxEvaluations, percentError));
      PrintWriter console = spec.commandLine().getOut();
      if (out == null) {
        console.print(CaadReports.suiteTable(outcome.report()));
        console.flush();
        return 0;
      }
      SparkSession session = spark.session("synthstack caad direct-suite");
      try {
        finish(session, outcome, out, console);
        return 0;
      } finally {
        session.stop();
      }
    }
  }
}
