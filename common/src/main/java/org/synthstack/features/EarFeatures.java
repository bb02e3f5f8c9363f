package org.synthstack.features;

/**
 * The virtual ear's hand-made features of one clip (seed 000 §4, domain notes §2), each normalised to [0, 1].
 *
 * @param envelope loudness over time: 10 frames
 * @param frequency long-term spectrum of the first 0.5 s: 50 mel bands
 * @param spectrum mel spectrogram: 30 bands x 20 frames ({@code spectrum[band][frame]})
 */
public record EarFeatures(float[] envelope, float[] frequency, float[][] spectrum) {
  public static final int ENVELOPE_FRAMES = 10;
  public static final int FREQUENCY_BANDS = 50;
  public static final int SPECTRUM_BANDS = 30;
  public static final int SPECTRUM_FRAMES = 20;

  /** The spectrum flattened band by band (band 0's 20 frames first). */
  public float[] spectrumFlat() {
    float[] flat = new float[SPECTRUM_BANDS * SPECTRUM_FRAMES];
    for (int b = 0; b < SPECTRUM_BANDS; b++) {
      System.arraycopy(spectrum[b], 0, flat, b * SPECTRUM_FRAMES, SPECTRUM_FRAMES);
    }
    return flat;
  }
}
