package org.synthstack.jobs.embed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.synthstack.learn.Autoencoder;
import org.synthstack.learn.Hyperparameters;
import org.synthstack.learn.TrialOutcome;
import org.synthstack.learn.TrialRecord;
import org.synthstack.learn.Tuner;

/**
 * Tunes the spectrogram autoencoder over Table 9's space (seed 000, appendix D) with the project's batch EGO and, with
 * the same budget and batch size, random search; each batch of trials runs as Spark tasks, one trial per task. The
 * best model found is trained once more on the driver (same seed, so the same weights) and published as an
 * {@link AutoencoderArtifact}; the report compares the searches.
 */
public final class TuneAutoencoderJob {
  private static final Logger LOG = LoggerFactory.getLogger(TuneAutoencoderJob.class);

  /**
   * @param maxSpectra sample size from the tables (train + test)
   * @param epochs per trial (the paper: 20)
   * @param reference also train Table 8's published best set once, for comparison
   */
  public record Options(List<String> drums, List<String> noise, String modelDir, String reportDir,
      List<Tuner.Strategy> strategies, int budget, int batch, int initialDesign, int epochs, int batchSize,
      int maxSpectra, double testFraction, long seed, boolean reference) {}

  public record Result(Map<Tuner.Strategy, List<TrialRecord>> trials, TrialRecord best, TrialOutcome reference,
      double meanBaseline, String modelDir, double seconds) {}

  private TuneAutoencoderJob() {}

  public static Result run(SparkSession spark, Options o) throws IOException {
    long started = System.nanoTime();
    SpectraData data = SpectraData.load(spark, o.drums(), o.noise(), o.maxSpectra(), o.testFraction(), o.seed());
    LOG.info("tune-autoencoder: {} training and {} test spectra", data.trainCount(), data.testCount());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SpectraData> shared = jsc.broadcast(data);
    TrialTask task = new TrialTask(shared, o.epochs(), o.batchSize(), o.seed());
    Tuner.TrialRunner runner = trials -> {
      // One partition per trial: the batch's trials train side by side, one per core.
      List<TrialOutcome> outcomes = jsc.parallelize(trials, trials.size()).map(task).collect();
      for (int i = 0; i < trials.size(); i++) {
        LOG.info("tune-autoencoder: {} -> {}", trials.get(i).describe(), outcomes.get(i).failed()
            ? "FAILED " + outcomes.get(i).message() : String.format("%.5f", outcomes.get(i).loss()));
      }
      return new ArrayList<>(outcomes);
    };
    Map<Tuner.Strategy, List<TrialRecord>> trials = new LinkedHashMap<>();
    Tuner.Settings settings = new Tuner.Settings(o.budget(), o.batch(), o.initialDesign(), o.seed());
    for (Tuner.Strategy s : o.strategies()) {
      trials.put(s, Tuner.search(s, settings, runner));
    }
    TrialOutcome reference = o.reference() ? runner.run(List.of(Hyperparameters.tableEight())).get(0) : null;
    shared.destroy();

    TrialRecord best = null;
    for (List<TrialRecord> list : trials.values()) {
      for (TrialRecord r : list) {
        if (!r.failed() && (best == null || r.loss() < best.loss())) {
          best = r;
        }
      }
    }
    if (best == null) {
      throw new IllegalStateException("tune-autoencoder: every trial failed; see the log for their errors");
    }
    TrialTask.Trained finalModel = TrialTask.run(best.hyperparameters(), data, o.epochs(), o.batchSize(), o.seed());
    try (Autoencoder ae = finalModel.model()) {
      var training = ae.training();
      training.put("strategy", best.strategy());
      training.put("trial", best.index());
      training.put("hyperparameters", best.hyperparameters().describe());
      training.put("optimizer", best.hyperparameters().optimizer().name());
      training.put("learning_rate", best.hyperparameters().learningRate());
      training.put("l2", best.hyperparameters().l2());
      training.put("epochs", o.epochs());
      training.put("batch_size", o.batchSize());
      training.put("seed", o.seed());
      training.put("train_spectra", data.trainCount());
      training.put("test_spectra", data.testCount());
      training.put("test_loss", finalModel.outcome().loss());
      AutoencoderArtifact.save(ae, o.modelDir(), spark.sparkContext().hadoopConfiguration());
    }
    double baseline = TuneReport.meanPredictorLoss(data);
    double seconds = (System.nanoTime() - started) / 1e9;
    Result result = new Result(trials, best, reference, baseline, o.modelDir(), seconds);
    TuneReport.write(spark, o, result, finalModel.outcome());
    return result;
  }
}
