package org.synthstack.improv;

/**
 * The shape of an MDRNN: two stacked LSTM layers of {@code size.units()} units, then a mixture density head of
 * {@code mixtures} diagonal Gaussians over {@code dimension} values.
 *
 * <p>The head's output per step is laid out as in keras-mdn-layer: μ ({@code K·D} values, component-major), σ ({@code
 * K·D}), then the K mixture logits.
 *
 * @param size LSTM width
 * @param dimension values per step, 1 (Δt) + features
 * @param mixtures mixture components K
 */
public record MdrnnSpec(ModelSize size, int dimension, int mixtures) {
  /** LSTM layers, as in IMPS. */
  public static final int LAYERS = 2;
  /** IMPS's mixture count. */
  public static final int DEFAULT_MIXTURES = 5;

  public MdrnnSpec {
    if (size == null) {
      throw new IllegalArgumentException("size is required");
    }
    if (dimension < 1 || mixtures < 1) {
      throw new IllegalArgumentException("dimension and mixtures must be positive: " + dimension + ", " + mixtures);
    }
  }

  /** An IMPS model (5 mixtures) for a step of {@code 1 + features.size()} values. */
  public static MdrnnSpec of(ModelSize size, FeatureSet features) {
    return new MdrnnSpec(size, 1 + features.size(), DEFAULT_MIXTURES);
  }

  public int units() {
    return size.units();
  }

  /** Outputs of the head per step: {@code 2·K·D + K}. */
  public int outputs() {
    return 2 * mixtures * dimension + mixtures;
  }

  /** Offset of σ in a step's outputs (μ starts at 0). */
  public int sigmaOffset() {
    return mixtures * dimension;
  }

  /** Offset of the mixture logits in a step's outputs. */
  public int logitOffset() {
    return 2 * mixtures * dimension;
  }
}
