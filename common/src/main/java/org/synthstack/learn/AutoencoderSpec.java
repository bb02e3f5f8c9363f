package org.synthstack.learn;

import java.util.Locale;

/**
 * The shape of one autoencoder (seed 000, appendix D, Tables 9–12).
 *
 * @param type CNN (Table 10) or fully connected (Tables 11–12)
 * @param extraHidden for FC: the 32-unit second hidden layer of Table 12 (ignored, and kept false, for CNN)
 * @param latent size of the bottleneck, the embedding
 * @param frequencyBins mel bands of the model's input spectrogram
 * @param timeSteps frames of the model's input spectrogram
 * @param dropout rate of every dropout layer, in [0, 1)
 */
public record AutoencoderSpec(ModelType type, boolean extraHidden, int latent, int frequencyBins, int timeSteps,
    double dropout) implements java.io.Serializable {
  /** Hidden units of the FC models and of the CNN's decoder (Tables 10–12). */
  public static final int FC_HIDDEN = 128;
  public static final int FC_SECOND_HIDDEN = 32;
  public static final int CNN_DECODER_HIDDEN = 256;
  public static final int CNN_CHANNELS = 8;
  public static final int CNN_KERNEL = 5;

  public AutoencoderSpec {
    if (type == null) {
      throw new IllegalArgumentException("type must be CNN or FC");
    }
    if (type == ModelType.CNN) {
      extraHidden = false;
    }
    if (latent < 1 || frequencyBins < 1 || timeSteps < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "latent, frequencyBins and timeSteps must be positive: %d, %d, %d", latent, frequencyBins, timeSteps));
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1): " + dropout);
    }
  }

  /** Table 8's winner: CNN, latent 64, 30 bins × 20 steps, dropout 0.5. */
  public static AutoencoderSpec tableEight() {
    return new AutoencoderSpec(ModelType.CNN, false, 64, 30, 20, 0.5);
  }

  public int inputSize() {
    return frequencyBins * timeSteps;
  }

  /** Output length of the CNN's max-pool (kernel 5, stride 2, padding 2) along an axis of length n. */
  static int pooled(int n) {
    return (n + 2 * 2 - CNN_KERNEL) / 2 + 1;
  }

  public String describe() {
    return String.format(Locale.ROOT, "%s%s latent=%d bins=%d steps=%d dropout=%s", type,
        type == ModelType.FC ? (extraHidden ? "(2 hidden)" : "(1 hidden)") : "", latent, frequencyBins, timeSteps,
        dropout);
  }
}
