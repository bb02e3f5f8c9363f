package org.synthstack.improv;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file whose every prediction is known in closed form, for tests of the live tools outside this package
 * (it lives in the jobs module's tests, in this package, to reach the weights).
 *
 * <p>Every weight and bias is zero except the MDN head's bias. With zero LSTM weights and biases each gate is
 * sigmoid(0) = 1/2 and the candidate tanh(0) = 0, so the cell and hidden states stay 0 whatever the input, and the
 * head outputs its bias alone: every component's μ is the requested step, σ's pre-activation is -50 (σ = elu(-50) +
 * 1 + 1e-7, about 1e-7) and the mixture logits are equal. Sampled with σ temperature 0, the next step is exactly μ.
 */
public final class ConstantOutputModel {
  private ConstantOutputModel() {}

  /**
   * Writes the model.
   *
   * @param dtSeconds the predicted Δt, s
   * @param normalised the predicted features, normalised (values outside [0, 1] test the decoder's clamping)
   */
  public static void write(Path file, MinMaxNormaliser normaliser, double dtSeconds, double[] normalised)
      throws IOException {
    try (Mdrnn model = Mdrnn.create(ModelSize.XS, normaliser, 1)) {
      MdrnnSpec spec = model.spec();
      int d = spec.dimension();
      if (normalised.length != d - 1) {
        throw new IllegalArgumentException("expected " + (d - 1) + " features, got " + normalised.length);
      }
      float[][] weights = model.snapshot();
      int headBias = -1;
      var parameters = model.block().getParameters();
      for (int i = 0; i < weights.length; i++) {
        java.util.Arrays.fill(weights[i], 0f);
        if (parameters.get(i).getKey().endsWith("mdn_bias")) {
          headBias = i;
        }
      }
      if (headBias < 0 || weights[headBias].length != spec.outputs()) {
        throw new IllegalStateException("no MDN head bias of " + spec.outputs() + " values among "
            + parameters.keys());
      }
      float[] bias = weights[headBias];
      for (int k = 0; k < spec.mixtures(); k++) {
        bias[k * d] = (float) (dtSeconds * StepCodec.SCALE);
        for (int f = 0; f < d - 1; f++) {
          bias[k * d + 1 + f] = (float) (normalised[f] * StepCodec.SCALE);
        }
        for (int i = 0; i < d; i++) {
          bias[spec.sigmaOffset() + k * d + i] = -50f;
        }
      }
      model.restore(weights);
      model.save(file);
    }
  }
}
