package org.synthstack.learn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Trains an {@link Autoencoder} to reconstruct its input: MSE over all cells, one optimizer step per mini-batch,
 * training spectra shuffled every epoch, and after the last epoch the test MSE at inference (no dropout), the paper's
 * trial score ("final loss value, calculated by applying the model to the test data-set").
 *
 * <p>Several autoencoders may train at once on separate threads of one JVM ({@link ThreadGradients}); each run's
 * arrays, optimizer state and RNGs are its own, so a run gives the same numbers alone or next to others.
 *
 * <p>A non-finite batch loss ends the run at once and marks it diverged; the caller records it as a failed trial.
 */
public final class AutoencoderTrainer {
  private AutoencoderTrainer() {}

  /**
   * @param train model inputs ({@code trainCount × bins·steps}, see {@link Autoencoder#modelInputs})
   * @param test held-out model inputs
   */
  public static TrainingResult train(Autoencoder ae, float[] train, int trainCount, float[] test, int testCount,
      TrainingSettings settings) {
    int width = ae.spec().inputSize();
    if (trainCount < 1 || testCount < 1 || train.length < (long) trainCount * width
        || test.length < (long) testCount * width) {
      throw new IllegalArgumentException("need at least one training and one test spectrum of " + width
          + " values; have " + trainCount + " and " + testCount);
    }
    long start = System.nanoTime();
    ThreadGradients.off();
    ae.reseedDropout(settings.seed());
    int batch = Math.min(settings.batchSize(), trainCount);
    float[] x = new float[batch * width];
    int[] order = new int[trainCount];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(settings.seed());
    double[] losses = new double[settings.epochs()];
    int epochs = 0;
    boolean diverged = false;
    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
        .optOptimizer(new WeightDecay(settings.optimizer().spec(settings.learningRate()).create(), settings.l2()))
        .optDevices(new Device[] {Device.cpu()});
    try (Trainer trainer = ae.model().newTrainer(config)) {
      while (epochs < settings.epochs() && !diverged) {
        shuffle(order, random);
        double sum = 0;
        for (int from = 0; from < trainCount; from += batch) {
          int n = Math.min(batch, trainCount - from);
          for (int i = 0; i < n; i++) {
            System.arraycopy(train, order[from + i] * width, x, i * width, width);
          }
          try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray inputs = scope.create(FloatBuffer.wrap(x, 0, n * width).slice(), new Shape(n, width));
            try (GradientCollector collector = new ThreadGradients()) {
              NDArray out = trainer.forward(new ai.djl.ndarray.NDList(inputs)).singletonOrThrow();
              NDArray loss = out.sub(inputs).square().mean();
              float value = loss.getFloat();
              if (!Float.isFinite(value)) {
                diverged = true;
                break;
              }
              collector.backward(loss);
              sum += (double) value * n;
            }
            trainer.step();
          }
        }
        if (!diverged) {
          losses[epochs++] = sum / trainCount;
        }
      }
    }
    double testLoss = diverged ? Double.NaN : ae.loss(test, testCount);
    if (!Double.isFinite(testLoss)) {
      diverged = true;
      testLoss = Double.NaN;
    }
    return new TrainingResult(Arrays.copyOf(losses, epochs), testLoss, diverged, (System.nanoTime() - start) / 1e9);
  }

  private static void shuffle(int[] order, SplittableRandom random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
