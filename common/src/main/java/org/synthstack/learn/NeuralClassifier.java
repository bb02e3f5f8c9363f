package org.synthstack.learn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.synthstack.improv.DjlRuntime;
import org.synthstack.improv.OptimizerSpec;

/**
 * A small fully connected classifier, the building block of seed 000's two-phase ears (appendix C.1): linear layers
 * with PReLU between them, softmax cross-entropy, Adam, trained until the training loss has not improved for
 * {@code patience} epochs (the paper: "no reduction in loss … in 10 epochs"), at most {@code maxEpochs}.
 * Initial weights and shuffling come from the seed; one instance per thread.
 */
public final class NeuralClassifier implements AutoCloseable {
  private final int inputs;
  private final int classes;
  private final Model model;
  private final SequentialBlock block = new SequentialBlock();

  /** @param hidden units of each hidden layer, e.g. {10, 5, 10} for the paper's FC-DvN */
  public NeuralClassifier(int inputs, int[] hidden, int classes, long seed) {
    if (inputs < 1 || classes < 2) {
      throw new IllegalArgumentException("need inputs ≥ 1 and classes ≥ 2: " + inputs + ", " + classes);
    }
    this.inputs = inputs;
    this.classes = classes;
    DjlRuntime.pytorch();
    ThreadGradients.off();
    for (int h : hidden) {
      block.add(Linear.builder().setUnits(h).build()).add(new PRelu());
    }
    block.add(Linear.builder().setUnits(classes).build());
    model = Model.newInstance("neural-ear", DjlRuntime.ENGINE);
    model.setBlock(block);
    // DJL's default (Xavier) cannot size PReLU's scalar slope; every value is set below anyway.
    block.setInitializer(new ai.djl.training.initializer.ConstantInitializer(0.25f), Parameter.Type.WEIGHT);
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, inputs));
    SplittableRandom random = new SplittableRandom(seed);
    long fanIn = inputs;
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray a = p.getValue().getArray();
      float[] v = new float[Math.toIntExact(a.size())];
      if (a.getShape().dimension() < 2 && p.getValue().getType() == Parameter.Type.WEIGHT) {
        java.util.Arrays.fill(v, 0.25f); // PyTorch's PReLU default
      } else {
        if (p.getValue().getType() == Parameter.Type.WEIGHT) {
          fanIn = a.getShape().get(1);
        }
        double bound = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) random.nextDouble(-bound, bound);
        }
      }
      a.set(v);
    }
  }

  /**
   * Trains on {@code n} rows of {@code x} ({@code n × inputs}) with labels {@code y} in [0, classes).
   *
   * @return the epochs run
   */
  public int train(float[] x, int[] y, int n, double learningRate, int batchSize, int maxEpochs, int patience,
      long seed) {
    ThreadGradients.off();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    int batch = Math.min(batchSize, n);
    float[] bx = new float[batch * inputs];
    float[] by = new float[batch * classes];
    double best = Double.POSITIVE_INFINITY;
    int since = 0;
    int epoch = 0;
    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
        .optOptimizer(OptimizerSpec.Adam.of(learningRate).create()).optDevices(new Device[] {Device.cpu()});
    try (Trainer trainer = model.newTrainer(config)) {
      while (epoch < maxEpochs && since < patience) {
        for (int i = n - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        double sum = 0;
        for (int from = 0; from < n; from += batch) {
          int m = Math.min(batch, n - from);
          java.util.Arrays.fill(by, 0f);
          for (int i = 0; i < m; i++) {
            System.arraycopy(x, order[from + i] * inputs, bx, i * inputs, inputs);
            by[i * classes + y[order[from + i]]] = 1f;
          }
          try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray in = scope.create(FloatBuffer.wrap(bx, 0, m * inputs).slice(), new Shape(m, inputs));
            NDArray target = scope.create(FloatBuffer.wrap(by, 0, m * classes).slice(), new Shape(m, classes));
            try (GradientCollector collector = new ThreadGradients()) {
              NDArray logits = trainer.forward(new NDList(in)).singletonOrThrow();
              NDArray loss = logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
              collector.backward(loss);
              sum += (double) loss.getFloat() * m;
            }
            trainer.step();
          }
        }
        epoch++;
        double mean = sum / n;
        if (mean < best) {
          best = mean;
          since = 0;
        } else {
          since++;
        }
      }
    }
    return epoch;
  }

  /** The most probable class of each of {@code n} rows. */
  public int[] predict(float[] x, int n) {
    ThreadGradients.off();
    int[] out = new int[n];
    try (NDManager scope = model.getNDManager().newSubManager()) {
      NDArray in = scope.create(FloatBuffer.wrap(x, 0, n * inputs).slice(), new Shape(n, inputs));
      NDArray logits = block.forward(new ParameterStore(scope, false), new NDList(in), false).singletonOrThrow();
      long[] arg = logits.argMax(1).toLongArray();
      for (int i = 0; i < n; i++) {
        out[i] = (int) arg[i];
      }
    }
    return out;
  }

  @Override
  public void close() {
    model.close();
  }
}
