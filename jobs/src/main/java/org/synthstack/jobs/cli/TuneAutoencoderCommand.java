package org.synthstack.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.embed.TuneAutoencoderJob;
import org.synthstack.learn.TrialRecord;
import org.synthstack.learn.Tuner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "tune-autoencoder", mixinStandardHelpOptions = true,
    description = "Spark job: tunes the spectrogram autoencoder over seed 000's Table 9 with batch EGO and random "
        + "search (same budget), trials as Spark tasks; saves the best model and writes a report.")
final class TuneAutoencoderCommand implements Callable<Integer> {
  @Option(names = "--drums", required = true, split = ",", paramLabel = "ROOT",
      description = "Drum feature tables (the ingest's output); repeatable or comma-separated.")
  List<String> drums = new ArrayList<>();

  @Option(names = "--noise", split = ",", paramLabel = "ROOT",
      description = "NoiseDB feature tables (render output); repeatable or comma-separated.")
  List<String> noise = new ArrayList<>();

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Where to save the best autoencoder.")
  String model;

  @Option(names = "--report", required = true, paramLabel = "DIR", description = "Where to write the report.")
  String report;

  @Option(names = "--strategies", split = ",", defaultValue = "EGO,RANDOM", paramLabel = "S",
      description = "Searches to run: EGO, RANDOM (default: ${DEFAULT-VALUE}).")
  List<Tuner.Strategy> strategies = new ArrayList<>();

  @Option(names = "--budget", defaultValue = "24", paramLabel = "N",
      description = "Trials per search (default: ${DEFAULT-VALUE}).")
  int budget;

  @Option(names = "--batch", defaultValue = "2", paramLabel = "Q",
      description = "Trials per batch of Spark tasks (default: ${DEFAULT-VALUE}, one per core here).")
  int batch;

  @Option(names = "--initial", defaultValue = "8", paramLabel = "N",
      description = "EGO's initial Latin-hypercube design (default: ${DEFAULT-VALUE}).")
  int initial;

  @Option(names = "--epochs", defaultValue = "10", paramLabel = "E",
      description = "Epochs per trial (default: ${DEFAULT-VALUE}; the paper used 20).")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "32", paramLabel = "B",
      description = "Spectra per training step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--max-spectra", defaultValue = "2000", paramLabel = "N",
      description = "Seeded sample of spectra, training and test together (default: ${DEFAULT-VALUE}).")
  int maxSpectra;

  @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F",
      description = "Share of the sample held out for the test loss (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--no-reference", negatable = false,
      description = "Skip training the paper's Table 8 set for comparison.")
  boolean noReference;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin
  SparkOptions spark;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (budget < 1 || batch < 1 || initial < 1 || initial > budget || epochs < 1 || batchSize < 1 || maxSpectra < 2
        || !(testFraction > 0 && testFraction < 1) || strategies.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "need --budget ≥ --initial ≥ 1, --batch, --epochs and "
          + "--batch-size ≥ 1, --max-spectra ≥ 2, 0 < --test-fraction < 1 and at least one strategy");
    }
    SparkSession session = spark.session("synthstack tune-autoencoder");
    try {
      TuneAutoencoderJob.Result r = TuneAutoencoderJob.run(session, new TuneAutoencoderJob.Options(drums, noise,
          model, report, List.copyOf(strategies), budget, batch, initial, epochs, batchSize, maxSpectra,
          testFraction, seed, !noReference));
      TrialRecord best = r.best();
      spec.commandLine().getOut().printf(Locale.ROOT, "best: %s trial %d, test loss %.5f (%s); model in %s; "
          + "report in %s%n", best.strategy(), best.index() + 1, best.loss(), best.hyperparameters().describe(),
          r.modelDir(), report);
      return 0;
    } finally {
      session.stop();
    }
  }
}
