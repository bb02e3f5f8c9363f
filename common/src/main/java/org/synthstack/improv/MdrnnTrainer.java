package org.synthstack.improv;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Trains an {@link Mdrnn} on {@link TrainingWindows} as IMPS does with Keras: the training windows shuffled every
 * epoch (seeded), mini-batches (the last one partial), the MDN loss, one optimizer step per batch; after every epoch
 * the validation loss over the held-out last windows; early stopping on it; and at the end the weights of the best
 * epoch, as IMPS's best-only checkpoint keeps them.
 *
 * <p>A non-finite training loss ends training after that batch (Keras's {@code TerminateOnNaN}, which IMPS uses): the
 * epoch is recorded with a NaN training loss and its validation loss, and the weights of the best earlier epoch are
 * kept. {@link TrainingHistory#diverged()} says it happened.
 *
 * <p>Several models may train at once on separate threads of one JVM (Spark tasks in one executor): gradients are
 * collected per thread ({@link ThreadGradientCollector}), and each run's arrays, optimizer state and RNG are its own,
 * so a run gives the same numbers alone or next to others.
 */
public final class MdrnnTrainer {

  /** Called after every epoch, e.g. to log or to write a loss curve. */
  @FunctionalInterface
  public interface EpochListener {
    void epochDone(int epoch, double trainLoss, double validationLoss);
  }

  private MdrnnTrainer() {}

  public static TrainingHistory train(Mdrnn mdrnn, TrainingWindows windows, TrainingConfig config) {
    return train(mdrnn, windows, config, (epoch, train, validation) -> {});
  }

  public static TrainingHistory train(
      Mdrnn mdrnn, TrainingWindows windows, TrainingConfig config, EpochListener listener) {
    MdrnnSpec spec = mdrnn.spec();
    if (windows.dimension() != spec.dimension()) {
      throw new IllegalArgumentException(
          "windows have " + windows.dimension() + " values per step, the model takes " + spec.dimension());
    }
    if (windows.trainCount() < 1 || windows.validationCount() < 1) {
      throw new IllegalArgumentException("need at least one training and one validation window; have "
          + windows.trainCount() + " and " + windows.validationCount());
    }
    ThreadGradientCollector.noGradients();
    int batch = config.batchSize();
    int stride = windows.floatsPerWindow();
    float[] x = new float[batch * stride];
    float[] y = new float[batch * stride];
    int[] order = new int[windows.trainCount()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int[] validationOrder = new int[windows.validationCount()];
    for (int i = 0; i < validationOrder.length; i++) {
      validationOrder[i] = windows.trainCount() + i;
    }
    SplittableRandom random = new SplittableRandom(config.seed());

    double[] trainLoss = new double[config.maxEpochs()];
    double[] validationLoss = new double[config.maxEpochs()];
    EarlyStopping stopping = new EarlyStopping(config.patience());
    float[][] bestParameters = null;
    long windowsTrained = 0;
    long trainNanos = 0;
    int epoch = 0;
    boolean stoppedEarly = false;
    boolean diverged = false;

    DefaultTrainingConfig djlConfig = new DefaultTrainingConfig(new MdnLoss(spec))
        .optOptimizer(config.optimizer().create())
        .optDevices(new Device[] {Device.cpu()});
    try (Trainer trainer = mdrnn.model().newTrainer(djlConfig)) {
      while (epoch < config.maxEpochs()) {
        shuffle(order, random);
        int trainWindows = capped(order.length, batch, config.maxTrainBatchesPerEpoch());
        long start = System.nanoTime();
        double lossSum = 0;
        for (int from = 0; from < trainWindows; from += batch) {
          int count = Math.min(batch, trainWindows - from);
          windows.fill(order, from, count, x, y);
          try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray inputs = array(scope, x, count, windows);
            NDArray targets = array(scope, y, count, windows);
            try (GradientCollector collector = new ThreadGradientCollector()) {
              NDList predictions = trainer.forward(new NDList(inputs));
              NDArray loss = MdnLoss.negativeLogLikelihood(predictions.head(), targets, spec.mixtures(),
                  spec.dimension());
              collector.backward(loss);
              float value = loss.getFloat();
              lossSum += value * count;
              diverged = !Float.isFinite(value);
            }
            if (diverged) {
              windowsTrained += from + count;
              break;
            }
            trainer.step();
          }
        }
        trainNanos += System.nanoTime() - start;
        if (!diverged) {
          windowsTrained += trainWindows;
        }
        trainLoss[epoch] = diverged ? Double.NaN : lossSum / trainWindows;
        int validationWindows = capped(validationOrder.length, batch, config.maxValidationBatches());
        validationLoss[epoch] = validate(trainer, windows, validationOrder, validationWindows, batch, x, y, spec);
        listener.epochDone(epoch + 1, trainLoss[epoch], validationLoss[epoch]);
        if (stopping.record(validationLoss[epoch])) {
          bestParameters = mdrnn.snapshot();
        }
        epoch++;
        if (diverged) {
          stoppedEarly = epoch < config.maxEpochs();
          break;
        }
        if (stopping.shouldStop() && epoch < config.maxEpochs()) {
          stoppedEarly = true;
          break;
        }
      }
    }
    if (bestParameters != null) {
      mdrnn.restore(bestParameters);
    }
    return new TrainingHistory(
        java.util.Arrays.copyOf(trainLoss, epoch),
        java.util.Arrays.copyOf(validationLoss, epoch),
        stopping.bestEpoch(),
        stopping.best(),
        stoppedEarly,
        diverged,
        windowsTrained,
        trainNanos / 1e9);
  }

  private static double validate(Trainer trainer, TrainingWindows windows, int[] order, int count, int batch,
      float[] x, float[] y, MdrnnSpec spec) {
    double sum = 0;
    for (int from = 0; from < count; from += batch) {
      int n = Math.min(batch, count - from);
      windows.fill(order, from, n, x, y);
      try (NDManager scope = trainer.getManager().newSubManager()) {
        NDList predictions = trainer.evaluate(new NDList(array(scope, x, n, windows)));
        NDArray loss = MdnLoss.negativeLogLikelihood(predictions.head(), array(scope, y, n, windows),
            spec.mixtures(), spec.dimension());
        sum += loss.getFloat() * n;
      }
    }
    return sum / count;
  }

  private static int capped(int available, int batch, int maxBatches) {
    return maxBatches == 0 ? available : (int) Math.min(available, (long) maxBatches * batch);
  }

  private static NDArray array(NDManager manager, float[] data, int count, TrainingWindows windows) {
    int length = count * windows.floatsPerWindow();
    return manager.create(FloatBuffer.wrap(data, 0, length).slice(),
        new Shape(count, windows.windowLength(), windows.dimension()));
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
