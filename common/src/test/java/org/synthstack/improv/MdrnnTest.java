package org.synthstack.improv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny MDRNN, trained for a few batches offline: seconds, not minutes. */
class MdrnnTest {
  private static final FeatureSet THREE =
      new FeatureSet(List.of("SpectralCentroid", "SpectralSpread", "SpectralRolloff"));

  /** Smooth periodic features with jittered frame times: a corpus with structure to learn. */
  static List<Performance> corpus(int performances, int frames, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Performance> list = new ArrayList<>();
    for (int p = 0; p < performances; p++) {
      double[] time = new double[frames];
      double[][] columns = new double[3][frames];
      double now = 0;
      double phase = random.nextDouble(0, 2 * Math.PI);
      for (int t = 0; t < frames; t++) {
        now += 15 + 10 * random.nextDouble();
        time[t] = now;
        double s = Math.sin(phase + t * 0.2);
        columns[0][t] = 1000 + 800 * s + 20 * random.nextGaussian();
        columns[1][t] = 300 + 100 * s * s;
        columns[2][t] = 4000 + 2000 * Math.cos(phase + t * 0.2);
      }
      list.add(new Performance("synthetic-" + p, THREE, time, columns));
    }
    return list;
  }

  @Test
  void aTinyModelTrainsOfflineAndItsLossFalls() {
    List<Performance> corpus = corpus(3, 200, 1);
    MinMaxNormaliser normaliser = MinMaxNormaliser.fit(corpus);
    TrainingWindows windows = TrainingWindows.of(corpus, normaliser);
    TrainingConfig config = TrainingConfig.standard(OptimizerSpec.Adam.of(0.01), 3).quick(4, 4);
    List<Double> seen = new ArrayList<>();
    try (Mdrnn model = Mdrnn.create(ModelSize.XS, normaliser, 3)) {
      TrainingHistory history = MdrnnTrainer.train(model, windows, config, (e, train, val) -> seen.add(val));
      assertThat(history.epochs()).isEqualTo(4);
      assertThat(seen).hasSize(4);
      assertThat(history.trainLoss()[3]).isLessThan(history.trainLoss()[0]);
      assertThat(history.bestValidationLoss()).isLessThan(history.validationLoss()[0]);
      assertThat(history.windowsTrained()).isEqualTo(4 * 4 * 64);
      assertThat(history.windowsPerSecond()).isPositive();
      // The model ends with the best epoch's weights, and trains on from there.
      TrainingHistory again = MdrnnTrainer.train(model, windows, config.quick(1, 1));
      assertThat(again.validationLoss()[0]).isFinite();
    }
  }

  @Test
  void everyOptimizerOfTableOneTakesAStep() {
    List<Performance> corpus = corpus(1, 180, 2);
    MinMaxNormaliser normaliser = MinMaxNormaliser.fit(corpus);
    TrainingWindows windows = TrainingWindows.of(corpus, normaliser);
    for (OptimizerSpec spec : OptimizerSpec.tableOne()) {
      try (Mdrnn model = Mdrnn.create(ModelSize.XS, normaliser, 5)) {
        byte[] before = model.parameters();
        TrainingHistory history =
            MdrnnTrainer.train(model, windows, TrainingConfig.standard(spec, 5).quick(1, 1));
        assertThat(history.trainLoss()[0]).as(spec.describe()).isFinite();
        assertThat(model.parameters()).as(spec.describe()).isNotEqualTo(before);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameInitialModel() {
    MinMaxNormaliser normaliser = MinMaxNormaliser.fit(corpus(1, 10, 3));
    try (Mdrnn a = Mdrnn.create(ModelSize.XS, normaliser, 42);
        Mdrnn b = Mdrnn.create(ModelSize.XS, normaliser, 42);
        Mdrnn c = Mdrnn.create(ModelSize.XS, normaliser, 43)) {
      assertThat(a.parameters()).isEqualTo(b.parameters());
      assertThat(a.parameters()).isNotEqualTo(c.parameters());
    }
  }

  @Test
  void saveAndLoadRoundTripAndPredictTheSame(@TempDir Path dir) throws IOException {
    List<Performance> corpus = corpus(2, 120, 4);
    MinMaxNormaliser normaliser = MinMaxNormaliser.fit(corpus);
    Path file = dir.resolve("s.mdrnn");
    float[] step = {0.2f, 5f, 3f, 7f};
    float[] before;
    try (Mdrnn model = Mdrnn.create(ModelSize.XS, normaliser, 7);
        MdrnnPredictor predictor = model.predictor(1, 0.01, 1)) {
      predictor.observe(step);
      before = predictor.observe(step);
      model.save(file);
    }
    try (Mdrnn loaded = Mdrnn.load(file, THREE); MdrnnPredictor predictor = loaded.predictor(1, 0.01, 1)) {
      assertThat(loaded.spec()).isEqualTo(new MdrnnSpec(ModelSize.XS, 4, 5));
      assertThat(loaded.normaliser()).isEqualTo(normaliser);
      predictor.observe(step);
      assertThat(predictor.observe(step)).containsExactly(before);
      // A loaded model trains on (its weights still track gradients).
      List<Performance> more = corpus(1, 120, 8);
      TrainingHistory history = MdrnnTrainer.train(loaded, TrainingWindows.of(more, normaliser),
          TrainingConfig.standard(OptimizerSpec.Adam.of(0.001), 1).quick(1, 1));
      assertThat(history.trainLoss()[0]).isFinite();
      // σ is positive everywhere (ELU + 1 + 1e-7).
      MdrnnSpec spec = loaded.spec();
      for (int i = spec.sigmaOffset(); i < spec.logitOffset(); i++) {
        assertThat(before[i]).isPositive();
      }
    }
  }

  @Test
  void aModelFromAnotherFeatureSetIsRefused(@TempDir Path dir) throws IOException {
    MinMaxNormaliser normaliser = MinMaxNormaliser.fit(corpus(1, 10, 5));
    Path file = dir.resolve("three.mdrnn");
    try (Mdrnn model = Mdrnn.create(ModelSize.XS, normaliser, 1)) {
      model.save(file);
    }
    assertThatThrownBy(() -> Mdrnn.load(file, FeatureSet.SPECTRAL))
        .isInstanceOf(IncompatibleFeatureSetException.class)
        .hasMessageContaining("model file " + file)
        .hasMessageContaining("3 features, expected 20")
        .hasMessageContaining("lacks [Chroma01");

    Path notAModel = dir.resolve("notes.json");
    Files.writeString(notAModel, "{\"Analysis\": {}}");
    assertThatThrownBy(() -> Mdrnn.load(notAModel, THREE))
        .isInstanceOf(CorpusFormatException.class)
        .hasMessageContaining(notAModel.toString())
        .hasMessageContaining("(header)");

    byte[] whole = Files.readAllBytes(file);
    Path truncated = dir.resolve("truncated.mdrnn");
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 100));
    assertThatThrownBy(() -> Mdrnn.load(truncated, THREE))
        .isInstanceOf(CorpusFormatException.class)
        .hasMessageContaining("(parameters)");
  }

  @Test
  void aContinuationBecomesAnInstrumentPerformance() {
    List<Performance> corpus = corpus(1, 60, 6);
    MinMaxNormaliser normaliser = MinMaxNormaliser.fit(corpus);
    TrainingWindows windows = TrainingWindows.of(corpus, normaliser);
    try (Mdrnn model = Mdrnn.create(ModelSize.XS, normaliser, 9);
        MdrnnPredictor predictor = model.predictor(1, 0.01, 2)) {
      float[][] history = new float[10][];
      for (int i = 0; i < history.length; i++) {
        history[i] = windows.step(i);
      }
      float[][] steps = predictor.continuation(history, 25);
      assertThat(steps).hasNumberOfRows(25);
      Performance out = Continuation.toPerformance("answer.json", model.codec(), 500, steps);
      assertThat(out.features()).isEqualTo(THREE);
      for (int t = 0; t < out.frames(); t++) {
        assertThat(out.timeMs()[t]).isGreaterThanOrEqualTo(t == 0 ? 500 : out.timeMs()[t - 1]);
        for (int f = 0; f < 3; f++) {
          assertThat(out.columns()[f][t]).isBetween(normaliser.min(f), normaliser.max(f));
        }
      }
    }
  }
}
