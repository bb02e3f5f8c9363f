package org.synthstack.jobs.embed;

import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.synthstack.learn.Autoencoder;
import org.synthstack.learn.AutoencoderTrainer;
import org.synthstack.learn.Hyperparameters;
import org.synthstack.learn.TrainingResult;
import org.synthstack.learn.TrialOutcome;

/**
 * One tuning trial as a Spark task: builds the autoencoder, trains it on the broadcast spectra and scores it on the
 * test spectra. Every trial uses the same model and training seed, so the score is a function of the hyperparameters
 * alone. A diverging run or an exception becomes a failed outcome, never a failed job.
 */
final class TrialTask implements Function<Hyperparameters, TrialOutcome> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<SpectraData> data;
  private final int epochs;
  private final int batchSize;
  private final long seed;

  TrialTask(Broadcast<SpectraData> data, int epochs, int batchSize, long seed) {
    this.data = data;
    this.epochs = epochs;
    this.batchSize = batchSize;
    this.seed = seed;
  }

  @Override
  public TrialOutcome call(Hyperparameters h) {
    long start = System.nanoTime();
    try {
      Trained trained = run(h, data.value(), epochs, batchSize, seed);
      try (Autoencoder model = trained.model()) {
        return trained.outcome();
      }
    } catch (RuntimeException | OutOfMemoryError e) {
      return TrialOutcome.failure(e.getClass().getSimpleName() + ": " + e.getMessage(),
          (System.nanoTime() - start) / 1e9);
    }
  }

  /** A trained model and its outcome; the caller owns (and closes) the model. */
  record Trained(Autoencoder model, TrialOutcome outcome) {}

  static Trained run(Hyperparameters h, SpectraData d, int epochs, int batchSize, long seed) {
    Autoencoder ae = Autoencoder.create(h.spec(), d.features(), seed);
    try {
      float[] train = ae.modelInputs(d.train(), d.trainCount());
      float[] test = ae.modelInputs(d.test(), d.testCount());
      TrainingResult r = AutoencoderTrainer.train(ae, train, d.trainCount(), test, d.testCount(),
          h.training(epochs, batchSize, seed));
      TrialOutcome outcome = r.diverged()
          ? TrialOutcome.failure("non-finite loss after " + r.trainLoss().length + " epochs", r.seconds())
          : new TrialOutcome(r.testLoss(), false, "", r.seconds());
      return new Trained(ae, outcome);
    } catch (RuntimeException e) {
      ae.close();
      throw e;
    }
  }
}
