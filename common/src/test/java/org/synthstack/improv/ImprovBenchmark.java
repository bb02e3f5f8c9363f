package org.synthstack.improv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: measures the s model's training throughput and one prediction step's latency (in-process, no OSC).
 * Run with {@code -Dimprov.benchmark=true -Dtest=ImprovBenchmark}.
 */
@EnabledIfSystemProperty(named = "improv.benchmark", matches = "true")
class ImprovBenchmark {

  /** Where a training batch's time goes: forward + loss, backward, optimizer step. */
  private static void phases(Mdrnn model, TrainingWindows windows) {
    MdrnnSpec spec = model.spec();
    ai.djl.training.DefaultTrainingConfig config = new ai.djl.training.DefaultTrainingConfig(new MdnLoss(spec))
        .optOptimizer(OptimizerSpec.Adam.of(0.001).create());
    float[] x = new float[64 * windows.floatsPerWindow()];
    float[] y = new float[x.length];
    int[] order = new int[64];
    for (int i = 0; i < 64; i++) {
      order[i] = i * 7;
    }
    windows.fill(order, 0, 64, x, y);
    ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(64, 50, spec.dimension());
    long forward = 0;
    long backward = 0;
    long step = 0;
    int n = 30;
    try (ai.djl.training.Trainer trainer = model.model().newTrainer(config)) {
      for (int i = 0; i < n + 5; i++) {
        try (ai.djl.ndarray.NDManager scope = trainer.getManager().newSubManager()) {
          ai.djl.ndarray.NDArray xs = scope.create(x, shape);
          ai.djl.ndarray.NDArray ys = scope.create(y, shape);
          long t0 = System.nanoTime();
          long t1;
          try (ai.djl.training.GradientCollector collector = trainer.newGradientCollector()) {
            ai.djl.ndarray.NDArray loss = MdnLoss.negativeLogLikelihood(
                trainer.forward(new ai.djl.ndarray.NDList(xs)).head(), ys, spec.mixtures(), spec.dimension());
            loss.getFloat();
            t1 = System.nanoTime();
            collector.backward(loss);
          }
          long t2 = System.nanoTime();
          trainer.step();
          long t3 = System.nanoTime();
          if (i >= 5) {
            forward += t1 - t0;
            backward += t2 - t1;
            step += t3 - t2;
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "per batch: forward+loss %.1f ms, backward %.1f ms, step %.1f ms%n",
        forward / 1e6 / n, backward / 1e6 / n, step / 1e6 / n);
  }

  @Test
  void sModelThroughputAndStepLatency() {
    // 20 features like the spectral set, random-walk values: the data do not matter for speed.
    List<String> names = new ArrayList<>(FeatureSet.SPECTRAL.names());
    FeatureSet features = new FeatureSet(names);
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    List<Performance> corpus = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      int frames = 2000;
      double[] time = new double[frames];
      double[][] columns = new double[features.size()][frames];
      for (int t = 0; t < frames; t++) {
        time[t] = t * 21.3;
        for (int f = 0; f < features.size(); f++) {
          columns[f][t] = t == 0 ? 0.5 : columns[f][t - 1] + random.nextGaussian() * 0.05;
        }
      }
      corpus.add(new Performance("bench-" + p, features, time, columns));
    }
    MinMaxNormaliser normaliser = MinMaxNormaliser.fit(corpus);
    TrainingWindows windows = TrainingWindows.of(corpus, normaliser);
    try (Mdrnn model = Mdrnn.create(ModelSize.S, normaliser, 1)) {
      // Warm-up epoch, then the measured ones.
      TrainingConfig warm = TrainingConfig.standard(OptimizerSpec.Adam.of(0.001), 1).quick(1, 10);
      MdrnnTrainer.train(model, windows, warm);
      TrainingConfig measured = TrainingConfig.standard(OptimizerSpec.Adam.of(0.001), 1).quick(3, 40);
      TrainingHistory history = MdrnnTrainer.train(model, windows, measured);
      System.out.printf(Locale.ROOT, "s model (2x64, D=21), batch 64x50: %.0f windows/s (%.1f ms per batch), "
          + "threads=%s%n", history.windowsPerSecond(), 1000.0 * 64 / history.windowsPerSecond(),
          System.getProperty("ai.djl.pytorch.num_threads"));

      phases(model, windows);
      try (MdrnnPredictor predictor = model.predictor(1, 0.01, 3)) {
        float[] step = windows.step(0);
        for (int i = 0; i < 2000; i++) {
          step = predictor.step(step);
        }
        int n = 10_000;
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
          long start = System.nanoTime();
          step = predictor.step(step);
          nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "s model prediction step (observe + sample): median %.3f ms, p99 %.3f ms, "
            + "max %.3f ms over %d steps%n", nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6, nanos[n - 1] / 1e6, n);
      }
    }
  }
}
