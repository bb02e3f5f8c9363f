package org.synthstack.synth;

/**
 * Settings of the renderer that are not part of a program. Serializable: jobs ship them to executors.
 *
 * @param outputBand whether every program goes through the fixed output band-pass before peak normalisation
 * @param outputBandLowHz the band's high-pass cutoff (the original: 80 Hz)
 * @param outputBandHighHz the band's low-pass cutoff (the original: 15 kHz)
 * @param outputBandOrder order of each of the band's two Butterworth filters (the original: 8)
 */
public record RenderSettings(boolean outputBand, double outputBandLowHz, double outputBandHighHz, int outputBandOrder)
    implements java.io.Serializable {
  /** The original's output band: 80 Hz .. 15 kHz, order 8. */
  public static final RenderSettings DEFAULT = new RenderSettings(true, 80, 15_000, 8);

  public RenderSettings {
    if (outputBand && !(outputBandLowHz > 0 && outputBandLowHz < outputBandHighHz
        && outputBandHighHz < SynthLimits.SAMPLE_RATE / 2.0)) {
      throw new IllegalArgumentException("output band " + outputBandLowHz + ".." + outputBandHighHz
          + " Hz: expected 0 < low < high < " + SynthLimits.SAMPLE_RATE / 2 + " Hz");
    }
    if (outputBand && (outputBandOrder < 2 || outputBandOrder % 2 != 0)) {
      throw new IllegalArgumentException("output band order " + outputBandOrder + ": expected an even order >= 2");
    }
  }

  /** The same settings without the output band. */
  public RenderSettings withoutOutputBand() {
    return new RenderSettings(false, outputBandLowHz, outputBandHighHz, outputBandOrder);
  }
}
