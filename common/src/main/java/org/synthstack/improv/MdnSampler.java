package org.synthstack.improv;

import java.util.random.RandomGenerator;

/**
 * Draws one step from the mixture density head's output, IMPS style with the domain notes' variance: pick a
 * component from softmax(π / piTemperature), then draw every dimension from N(μ, σ²·sigmaTemperature).
 *
 * <p>Temperatures: piTemperature → 0 always picks the likeliest component, large values pick uniformly;
 * sigmaTemperature scales the variance (IMPS's defaults are 1 and 0.01). Not thread-safe (a scratch array).
 */
public final class MdnSampler {
  /** IMPS's default mixture temperature. */
  public static final double DEFAULT_PI_TEMPERATURE = 1.0;
  /** IMPS's default variance scale. */
  public static final double DEFAULT_SIGMA_TEMPERATURE = 0.01;

  private final MdrnnSpec spec;
  private final double piTemperature;
  private final double sigmaScale;
  private final double[] weights;

  public MdnSampler(MdrnnSpec spec, double piTemperature, double sigmaTemperature) {
    if (!(piTemperature > 0) || !Double.isFinite(piTemperature)) {
      throw new IllegalArgumentException("piTemperature must be positive and finite: " + piTemperature);
    }
    if (!(sigmaTemperature >= 0) || !Double.isFinite(sigmaTemperature)) {
      throw new IllegalArgumentException("sigmaTemperature must be non-negative and finite: " + sigmaTemperature);
    }
    this.spec = spec;
    this.piTemperature = piTemperature;
    this.sigmaScale = Math.sqrt(sigmaTemperature);
    this.weights = new double[spec.mixtures()];
  }

  /**
   * @param params one step of head output ({@link MdrnnSpec#outputs()} values from {@code offset})
   * @param random the source of randomness
   * @param out receives {@link MdrnnSpec#dimension()} values
   * @return the component drawn
   */
  public int sample(float[] params, int offset, RandomGenerator random, float[] out) {
    int k = pickComponent(params, offset, random);
    int d = spec.dimension();
    int mu = offset + k * d;
    int sigma = offset + spec.sigmaOffset() + k * d;
    for (int i = 0; i < d; i++) {
      out[i] = (float) (params[mu + i] + params[sigma + i] * sigmaScale * random.nextGaussian());
    }
    return k;
  }

  private int pickComponent(float[] params, int offset, RandomGenerator random) {
    int logits = offset + spec.logitOffset();
    int mixtures = spec.mixtures();
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < mixtures; k++) {
      max = Math.max(max, params[logits + k] / piTemperature);
    }
    double total = 0;
    for (int k = 0; k < mixtures; k++) {
      weights[k] = Math.exp(params[logits + k] / piTemperature - max);
      total += weights[k];
    }
    double u = random.nextDouble() * total;
    for (int k = 0; k < mixtures - 1; k++) {
      u -= weights[k];
      if (u < 0) {
        return k;
      }
    }
    return mixtures - 1;
  }
}
