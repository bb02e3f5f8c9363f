package org.synthstack.improv;

/**
 * How a frame becomes one model step and back, as IMPS does it: a step is {@code (Δt, features…)} with Δt in
 * seconds as dimension 0 and the features min–max normalised, all multiplied by {@link #SCALE} on the way in and
 * divided by it on the way out.
 *
 * <p>Decoding a sampled step clamps the features to [0, 1] and takes |Δt| (IMPS clips its outputs the same way), then
 * de-normalises. Stateless and thread-safe.
 */
public final class StepCodec {
  /** IMPS multiplies inputs and targets by 10 and divides predictions by 10. */
  public static final float SCALE = 10f;

  private final MinMaxNormaliser normaliser;

  public StepCodec(MinMaxNormaliser normaliser) {
    this.normaliser = normaliser;
  }

  public MinMaxNormaliser normaliser() {
    return normaliser;
  }

  /** Values per step: 1 + features. */
  public int dimension() {
    return 1 + normaliser.features().size();
  }

  /**
   * Encodes one frame.
   *
   * @param dtSeconds time since the previous frame, s
   * @param rawFeatures the frame's features in their own units, in feature-set order
   * @param out receives {@link #dimension()} scaled model values at {@code offset}
   */
  public void encode(double dtSeconds, double[] rawFeatures, float[] out, int offset) {
    out[offset] = (float) (dtSeconds * SCALE);
    for (int f = 0; f < rawFeatures.length; f++) {
      out[offset + 1 + f] = (float) (normaliser.normalise(f, rawFeatures[f]) * SCALE);
    }
  }

  /**
   * Decodes one model step.
   *
   * @param step {@link #dimension()} scaled model values
   * @param rawFeaturesOut receives the de-normalised features
   * @return Δt in seconds, non-negative
   */
  public double decode(float[] step, double[] rawFeaturesOut) {
    for (int f = 0; f < rawFeaturesOut.length; f++) {
      double normalised = Math.min(1, Math.max(0, step[1 + f] / SCALE));
      rawFeaturesOut[f] = normaliser.denormalise(f, normalised);
    }
    return Math.abs(step[0] / SCALE);
  }
}
