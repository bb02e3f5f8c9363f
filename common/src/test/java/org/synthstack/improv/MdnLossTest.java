package org.synthstack.improv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MdnLossTest {
  private static NDManager manager;

  @BeforeAll
  static void engine() {
    manager = DjlRuntime.pytorch().newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private static double loss(float[] params, float[] targets, long rows, int mixtures, int dimension) {
    NDArray p = manager.create(params, new Shape(rows, 2L * mixtures * dimension + mixtures));
    NDArray y = manager.create(targets, new Shape(rows, dimension));
    return MdnLoss.negativeLogLikelihood(p, y, mixtures, dimension).getFloat();
  }

  @Test
  void oneGaussianInOneDimensionIsMinusItsLogDensity() {
    // Rows of (μ, σ, logit) and targets; −log N(y; μ, σ²) = ½ log 2π + log σ + (y − μ)²/(2σ²).
    float[] params = {0f, 1f, 0.3f, 2f, 0.5f, -1f, -3f, 4f, 7f};
    float[] y = {0f, 3f, 1f};
    double expected = 0;
    for (int r = 0; r < 3; r++) {
      double mu = params[3 * r];
      double sigma = params[3 * r + 1];
      expected += 0.5 * Math.log(2 * Math.PI) + Math.log(sigma) + (y[r] - mu) * (y[r] - mu) / (2 * sigma * sigma);
    }
    expected /= 3;
    assertThat(loss(params, y, 3, 1, 1)).isCloseTo(expected, within(1e-5));
    // At the mean with σ = 1: ½ log 2π = 0.9189385.
    assertThat(loss(new float[] {2f, 1f, 0f}, new float[] {2f}, 1, 1, 1)).isCloseTo(0.9189385, within(1e-6));
  }

  @Test
  void twoDiagonalGaussiansInTwoDimensionsAreMixedBySoftmaxWeights() {
    // K = 2, D = 2: μ (k-major), σ, logits.
    float[] params = {0f, 1f, 2f, -1f, 0.5f, 1.5f, 1f, 0.7f, 0.2f, -0.4f};
    float[] y = {0.3f, 0.1f};
    double w0 = Math.exp(0.2) / (Math.exp(0.2) + Math.exp(-0.4));
    double w1 = 1 - w0;
    double n0 = normal(0.3, 0, 0.5) * normal(0.1, 1, 1.5);
    double n1 = normal(0.3, 2, 1.0) * normal(0.1, -1, 0.7);
    assertThat(loss(params, y, 1, 2, 2)).isCloseTo(-Math.log(w0 * n0 + w1 * n1), within(1e-5));
  }

  private static double normal(double y, double mu, double sigma) {
    double z = (y - mu) / sigma;
    return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
  }

  @Test
  void farTargetsStayFiniteThroughLogSumExp() {
    // Both components 1000 σ away: the densities underflow to 0 in float, the log-likelihood does not.
    float[] params = {0f, 0f, 0.01f, 0.01f, 0f, 0f};
    float[] y = {10f};
    // log p = log(½ e^a + ½ e^a) = a with a = −½ (1000)² − log 0.01 − ½ log 2π.
    double a = -0.5 * 1000 * 1000 - Math.log(0.01) - 0.5 * Math.log(2 * Math.PI);
    double value = loss(params, y, 1, 2, 1);
    assertThat(value).isFinite().isCloseTo(-a, within(1.0));
  }

  @Test
  void sharpDensitiesGiveNegativeLosses() {
    assertThat(loss(new float[] {0.5f, 0.01f, 0f}, new float[] {0.5f}, 1, 1, 1)).isNegative();
  }

  @Test
  void batchAndTimeAreFlattenedIntoRows() {
    // (batch 2, time 3): the mean over the 6 rows, each a 1-D unit Gaussian at distance r from its target.
    float[] params = new float[6 * 3];
    float[] y = new float[6];
    double expected = 0;
    for (int r = 0; r < 6; r++) {
      params[3 * r] = r;
      params[3 * r + 1] = 1;
      expected += 0.5 * Math.log(2 * Math.PI) + 0.5 * r * r;
    }
    NDArray p = manager.create(params, new Shape(2, 3, 3));
    NDArray t = manager.create(y, new Shape(2, 3, 1));
    assertThat((double) MdnLoss.negativeLogLikelihood(p, t, 1, 1).getFloat()).isCloseTo(expected / 6, within(1e-4));
  }
}
