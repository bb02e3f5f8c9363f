package org.synthstack.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.ear.EarData;
import org.synthstack.jobs.ear.EarModels;
import org.synthstack.jobs.ear.TrainEarJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "train-ear", mixinStandardHelpOptions = true,
    description = "Spark job: trains and compares the ear's classifiers on drum features and NoiseDB, writes a "
        + "report (Markdown, PNG, Parquet metrics) and saves the best model.")
final class TrainEarCommand implements Callable<Integer> {
  @Option(names = "--drums", required = true, split = ",", paramLabel = "ROOT",
      description = "Drum features (the ingest's output); repeatable or comma-separated.")
  List<String> drums = new ArrayList<>();

  @Option(names = "--noise", required = true, split = ",", paramLabel = "ROOT",
      description = "NoiseDB (render output); repeatable or comma-separated.")
  List<String> noise = new ArrayList<>();

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Where to save the ear.")
  String model;

  @Option(names = "--report", required = true, paramLabel = "DIR", description = "Where to write the report.")
  String report;

  @Option(names = "--folds", defaultValue = "10", paramLabel = "K",
      description = "Stratified cross-validation folds (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--kit-folds", defaultValue = "5", paramLabel = "K",
      description = "Folds of the unseen-kit evaluation (default: ${DEFAULT-VALUE}).")
  int kitFolds;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--weights", defaultValue = "ORIGINAL", paramLabel = "W",
      description = "Class weights: ORIGINAL ((N - n_k)/N, as the paper), BALANCED or NONE "
          + "(default: ${DEFAULT-VALUE}).")
  EarData.Weighting weights;

  @Option(names = "--models", split = ",", paramLabel = "NAMES",
      description = "Models to compare (default: all): ExtraTrees, RandomForest, GBT, LinearSVC, MLP, "
          + "LogisticRegression.")
  List<String> models = new ArrayList<>();

  @Option(names = "--tpe-model", paramLabel = "NAME",
      description = "Model family of the two-phase ear's stages (default: the best MEM model).")
  String tpeModel;

  @Option(names = "--noise-sample", defaultValue = "1000", paramLabel = "N",
      description = "Use at most N NoiseDB examples, a seeded sample (default: ${DEFAULT-VALUE}, as the paper's MEM).")
  long noiseSample;

  @Option(names = "--inputs", defaultValue = "HAND", paramLabel = "I",
      description = "Features: HAND (envelope, frequency, spectrum) or EMBEDDING (envelope + the 'embedding' column "
          + "that embed adds, as the paper's MEM) (default: ${DEFAULT-VALUE}).")
  EarData.Inputs inputs;

  @Option(names = "--neural-tpe",
      description = "Also evaluate the neural two-phase ear (FC on the envelope, then E/F on envelope + frequency; "
          + "seed 000 appendix C.1) on the same folds; hand features only.")
  boolean neuralTpe;

  @Option(names = "--extra-noise", split = ",", paramLabel = "ROOT",
      description = "More noise in render's schema, used whole (not sampled): e.g. search's rejected programs, "
          + "for adversarial refinement; repeatable or comma-separated.")
  List<String> extraNoise = new ArrayList<>();

  @Option(names = "--quick", description = "Small ensembles and fewer iterations, for a smoke run.")
  boolean quick;

  @Mixin
  SparkOptions spark;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (folds < 2 || kitFolds < 2 || noiseSample < 1) {
      throw new ParameterException(spec.commandLine(),
          "--folds and --kit-folds must be at least 2, --noise-sample at least 1");
    }
    SparkSession session = spark.session("synthstack train-ear");
    try {
      TrainEarJob.Result result = TrainEarJob.run(session, new TrainEarJob.Options(drums, noise, model, report,
          folds, kitFolds, seed, weights, models, quick ? EarModels.Size.QUICK : EarModels.Size.FULL, tpeModel,
          noiseSample, extraNoise, inputs, neuralTpe));
      spec.commandLine().getOut().printf("best model: %s; ear saved to %s; report in %s%n", result.bestModel(),
          result.modelDir(), report);
      return 0;
    } finally {
      session.stop();
    }
  }
}
