package org.synthstack.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeuralClassifierTest {
  /** Three Gaussian blobs in 4 dimensions, 6 standard deviations apart: the Bayes error is below 1e-3. */
  private static float[] blobs(int n, int[] labels, SplittableRandom r) {
    float[] x = new float[n * 4];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      labels[i] = c;
      for (int d = 0; d < 4; d++) {
        x[i * 4 + d] = (float) (r.nextGaussian() * 0.1 + (d == c ? 0.6 : 0));
      }
    }
    return x;
  }

  @Test
  void separatesWellSeparatedClasses() {
    SplittableRandom r = new SplittableRandom(1);
    int[] trainLabels = new int[300];
    int[] testLabels = new int[150];
    float[] train = blobs(300, trainLabels, r);
    float[] test = blobs(150, testLabels, r);
    try (NeuralClassifier c = new NeuralClassifier(4, new int[] {10, 5, 10}, 3, 2)) {
      int epochs = c.train(train, trainLabels, 300, 1e-2, 32, 25, 10, 3);
      assertThat(epochs).isBetween(1, 25);
      int[] predicted = c.predict(test, 150);
      int correct = 0;
      for (int i = 0; i < 150; i++) {
        correct += predicted[i] == testLabels[i] ? 1 : 0;
      }
      assertThat(correct).isGreaterThanOrEqualTo(147);
    }
  }

  @Test
  void theSameSeedGivesTheSameModel() {
    SplittableRandom r = new SplittableRandom(4);
    int[] labels = new int[60];
    float[] x = blobs(60, labels, r);
    int[][] out = new int[2][];
    for (int k = 0; k < 2; k++) {
      try (NeuralClassifier c = new NeuralClassifier(4, new int[] {5}, 3, 7)) {
        c.train(x, labels, 60, 1e-2, 16, 3, 10, 8);
        out[k] = c.predict(x, 60);
      }
    }
    assertThat(out[0]).containsExactly(out[1]);
  }
}
