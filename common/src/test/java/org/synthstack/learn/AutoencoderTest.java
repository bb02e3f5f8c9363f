package org.synthstack.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoencoderTest {
  private static final FeatureSettings FEATURES = FeatureSettings.current();

  @Test
  void parameterCountsMatchThePublishedTables() {
    // Seed 000, Tables 10, 11 and 12: latent 8, 30 bins × 20 steps.
    assertThat(count(new AutoencoderSpec(ModelType.CNN, false, 8, 30, 20, 0.5))).isEqualTo(166_320);
    assertThat(count(new AutoencoderSpec(ModelType.FC, false, 8, 30, 20, 0.5))).isEqualTo(156_512);
    assertThat(count(new AutoencoderSpec(ModelType.FC, true, 8, 30, 20, 0.5))).isEqualTo(163_232);
  }

  private static long count(AutoencoderSpec spec) {
    try (Autoencoder ae = Autoencoder.create(spec, FEATURES, 1)) {
      return ae.parameterCount();
    }
  }

  @Test
  void encodesAndReconstructsAtTheModelsShapes() {
    float[] spectra = spectra(3, new SplittableRandom(1));
    for (AutoencoderSpec spec : new AutoencoderSpec[] {
        new AutoencoderSpec(ModelType.CNN, false, 16, 60, 10, 0.1),
        new AutoencoderSpec(ModelType.FC, true, 8, 10, 20, 0)}) {
      try (Autoencoder ae = Autoencoder.create(spec, FEATURES, 2)) {
        float[] inputs = ae.modelInputs(spectra, 3);
        assertThat(inputs).hasSize(3 * spec.frequencyBins() * spec.timeSteps());
        assertThat(ae.encode(spectra, 3)).hasSize(3 * spec.latent());
        assertThat(ae.reconstruct(inputs, 3)).hasSize(inputs.length);
      }
    }
  }

  @Test
  void trainingBeatsPredictingTheMean() {
    // Spectra on a 2-dimensional manifold: a latent of 8 can reconstruct them far better than the per-cell mean.
    SplittableRandom random = new SplittableRandom(3);
    int train = 256;
    int test = 64;
    AutoencoderSpec spec = new AutoencoderSpec(ModelType.FC, false, 8, 30, 20, 0);
    try (Autoencoder ae = Autoencoder.create(spec, FEATURES, 4)) {
      float[] trainInputs = ae.modelInputs(spectra(train, random), train);
      float[] testInputs = ae.modelInputs(spectra(test, random), test);
      double baseline = meanPredictorLoss(trainInputs, train, testInputs, test, spec.inputSize());
      TrainingResult r = AutoencoderTrainer.train(ae, trainInputs, train, testInputs, test,
          new TrainingSettings(OptimizerKind.ADAM, 3e-3, 1e-6, 40, 32, 5));
      assertThat(r.diverged()).isFalse();
      assertThat(r.trainLoss()).hasSize(40);
      assertThat(r.testLoss()).isLessThan(0.25 * baseline);
    }
  }

  @Test
  void aDivergingRunIsReportedNotThrown() {
    SplittableRandom random = new SplittableRandom(6);
    AutoencoderSpec spec = new AutoencoderSpec(ModelType.FC, false, 8, 10, 10, 0);
    try (Autoencoder ae = Autoencoder.create(spec, FEATURES, 7)) {
      float[] inputs = ae.modelInputs(spectra(64, random), 64);
      TrainingResult r = AutoencoderTrainer.train(ae, inputs, 48, java.util.Arrays.copyOfRange(inputs, 48 * 100,
          64 * 100), 16, new TrainingSettings(OptimizerKind.SGD, 1e6, 0, 20, 16, 8));
      assertThat(r.diverged()).isTrue();
      assertThat(r.testLoss()).isNaN();
    }
  }

  @Test
  void aSeedGivesTheSameTrainingAloneOrNextToAnother() throws Exception {
    // Dropout masks, initial weights and shuffling all come from the seed, and each thread collects its own
    // gradients: two runs on two threads at once equal the same run alone, bit for bit.
    AutoencoderSpec spec = new AutoencoderSpec(ModelType.CNN, false, 8, 10, 10, 0.5);
    float[] spectra = spectra(64, new SplittableRandom(11));
    TrainingSettings settings = new TrainingSettings(OptimizerKind.ADAM, 1e-3, 1e-4, 2, 16, 12);
    java.util.concurrent.Callable<double[]> run = () -> {
      try (Autoencoder ae = Autoencoder.create(spec, FEATURES, 13)) {
        float[] inputs = ae.modelInputs(spectra, 64);
        TrainingResult r = AutoencoderTrainer.train(ae, inputs, 48, java.util.Arrays.copyOfRange(inputs, 4800,
            6400), 16, settings);
        return new double[] {r.trainLoss()[1], r.testLoss()};
      }
    };
    double[] alone = run.call();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var a = pool.submit(run);
      var b = pool.submit(run);
      assertThat(a.get()).containsExactly(alone);
      assertThat(b.get()).containsExactly(alone);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aSavedModelGivesIdenticalEmbeddings(@TempDir Path dir) throws IOException {
    float[] spectra = spectra(5, new SplittableRandom(9));
    AutoencoderSpec spec = new AutoencoderSpec(ModelType.CNN, false, 8, 30, 20, 0.5);
    Path file = dir.resolve("ae.bin");
    float[] before;
    try (Autoencoder ae = Autoencoder.create(spec, FEATURES, 10)) {
      float[] inputs = ae.modelInputs(spectra, 5);
      AutoencoderTrainer.train(ae, inputs, 5, inputs, 5, new TrainingSettings(OptimizerKind.SGD, 0.01, 0, 1, 5, 1));
      before = ae.encode(spectra, 5);
      ae.training().put("note", "round trip");
      ae.save(file);
    }
    try (Autoencoder loaded = Autoencoder.load(file, FEATURES)) {
      assertThat(loaded.spec()).isEqualTo(spec);
      assertThat(loaded.training().path("note").asText()).isEqualTo("round trip");
      assertThat(loaded.encode(spectra, 5)).containsExactly(before);
    }
  }

  @Test
  void aModelForOtherFeaturesIsRefusedNamingTheSetting() {
    FeatureSettings other = new FeatureSettings(48_000, 48_000 / 17, 48_000 / 19, 40, 20, "slaney", "min-max");
    byte[] bytes;
    try (Autoencoder ae = Autoencoder.create(new AutoencoderSpec(ModelType.FC, false, 8, 30, 20, 0), other, 1)) {
      bytes = ae.toBytes();
    }
    assertThatThrownBy(() -> Autoencoder.read(new ByteArrayInputStream(bytes), "m.bin", FEATURES))
        .isInstanceOf(IncompatibleFeaturesException.class)
        .hasMessageContaining("m.bin").hasMessageContaining("bands = 40").hasMessageContaining("bands = 30");
    assertThatThrownBy(() -> Autoencoder.read(new ByteArrayInputStream("not a model".getBytes()), "x.bin", FEATURES))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("x.bin");
  }

  /** 30 × 20 spectra in [0, 1]: a mix of two fixed patterns with random weights. */
  static float[] spectra(int count, SplittableRandom random) {
    float[] out = new float[count * 600];
    for (int i = 0; i < count; i++) {
      double a = random.nextDouble();
      double b = random.nextDouble();
      for (int f = 0; f < 30; f++) {
        for (int t = 0; t < 20; t++) {
          double p1 = Math.exp(-t / 4.0) * (1 - f / 30.0);
          double p2 = Math.exp(-Math.pow((f - 15) / 5.0, 2)) * (t < 10 ? 1 : 0.2);
          out[i * 600 + f * 20 + t] = (float) ((a * p1 + b * p2) / 2);
        }
      }
    }
    return out;
  }

  /** The test MSE of predicting every cell by its training mean. */
  static double meanPredictorLoss(float[] train, int trainCount, float[] test, int testCount, int width) {
    double[] mean = new double[width];
    for (int i = 0; i < trainCount; i++) {
      for (int j = 0; j < width; j++) {
        mean[j] += train[i * width + j] / (double) trainCount;
      }
    }
    double sum = 0;
    for (int i = 0; i < testCount; i++) {
      for (int j = 0; j < width; j++) {
        double d = test[i * width + j] - mean[j];
        sum += d * d;
      }
    }
    return sum / ((double) testCount * width);
  }
}
