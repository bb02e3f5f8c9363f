package org.synthstack.features;

import org.synthstack.dsp.Decibels;
import org.synthstack.dsp.MelFilterbank;
import org.synthstack.dsp.PowerSpectrogram;

/**
 * Computes {@link EarFeatures} from a mono 48 kHz clip. Rendered programs and real recordings go through this one
 * code path. Every clip is first cut or zero-padded to exactly 1 s.
 *
 * <ul>
 *   <li><b>Envelope</b>: power STFT with n_fft = window = sr/20 and hop = sr/9 (10 frames), 10 mel bands from
 *       10 Hz, dB with top_db 60, summed over bands per frame, min-max normalised.
 *   <li><b>Frequency</b>: the long-term power spectrum of the first 0.5 s, as a Welch estimate (4096-point Hann
 *       frames, 75% overlap, centre-padded by reflection), 50 mel bands from 30 Hz, dB with top_db 30, min-max
 *       normalised. The original summed 101 overlapping 24 000-point FFTs for the same band energies; this costs
 *       about a tenth of that. 75% overlap matters: Hann squared only sums to a constant at that overlap, and at
 *       50% the uneven time weighting moved transient-heavy clips by up to 0.36 (on the [0, 1] scale) from the
 *       original, against 0.04 at 75%. A test bounds the distance.
 *   <li><b>Spectrum</b>: power STFT with window sr/17, hop sr/19 (20 frames) and n_fft 4096 (the next power of
 *       two), 30 mel bands over 0..sr/2, the matrix normalised by subtracting its minimum and dividing by its
 *       maximum.
 * </ul>
 * All spectrograms are centre-padded by reflection and use the periodic Hann window; mel bands are Slaney's.
 *
 * <p>A reusable workspace: not thread-safe; no allocation per frame.
 */
public final class EarFeatureExtractor {
  public static final int SAMPLE_RATE = 48_000;
  /** Clips are cut or zero-padded to this many samples (1 s). */
  public static final int CLIP_FRAMES = SAMPLE_RATE;

  private static final int ENVELOPE_FFT = SAMPLE_RATE / 20;
  private static final int ENVELOPE_HOP = SAMPLE_RATE / 9;
  private static final int FREQUENCY_FRAMES = SAMPLE_RATE / 2;
  private static final int FREQUENCY_FFT = 4096;
  private static final int SPECTRUM_WINDOW = SAMPLE_RATE / 17;
  private static final int SPECTRUM_HOP = SAMPLE_RATE / 19;
  private static final int SPECTRUM_FFT = 4096;

  private final PowerSpectrogram envelopeStft = new PowerSpectrogram(ENVELOPE_FFT, ENVELOPE_FFT, ENVELOPE_HOP);
  private final MelFilterbank envelopeMel = new MelFilterbank(SAMPLE_RATE, ENVELOPE_FFT,
      EarFeatures.ENVELOPE_FRAMES, 10, SAMPLE_RATE / 2.0);
  private final PowerSpectrogram frequencyStft =
      new PowerSpectrogram(FREQUENCY_FFT, FREQUENCY_FFT, FREQUENCY_FFT / 4);
  private final MelFilterbank frequencyMel = new MelFilterbank(SAMPLE_RATE, FREQUENCY_FFT,
      EarFeatures.FREQUENCY_BANDS, 30, SAMPLE_RATE / 2.0);
  private final PowerSpectrogram spectrumStft = new PowerSpectrogram(SPECTRUM_FFT, SPECTRUM_WINDOW, SPECTRUM_HOP);
  private final MelFilterbank spectrumMel = new MelFilterbank(SAMPLE_RATE, SPECTRUM_FFT,
      EarFeatures.SPECTRUM_BANDS, 0, SAMPLE_RATE / 2.0);

  private final double[] clip = new double[CLIP_FRAMES];
  private final double[] power = new double[SPECTRUM_FFT / 2 + 1];
  private final double[] longTermPower = new double[FREQUENCY_FFT / 2 + 1];
  private final double[] envelopeBands = new double[EarFeatures.ENVELOPE_FRAMES * EarFeatures.ENVELOPE_FRAMES];
  private final double[] frequencyBands = new double[EarFeatures.FREQUENCY_BANDS];
  private final double[] spectrumBands = new double[EarFeatures.SPECTRUM_BANDS * EarFeatures.SPECTRUM_FRAMES];

  public EarFeatureExtractor() {
    if (envelopeStft.frames(CLIP_FRAMES) != EarFeatures.ENVELOPE_FRAMES
        || spectrumStft.frames(CLIP_FRAMES) != EarFeatures.SPECTRUM_FRAMES) {
      throw new IllegalStateException("frame counts no longer match the feature shapes");
    }
  }

  /** Features of {@code samples[0..length)}, mono at 48 kHz. */
  public EarFeatures extract(double[] samples, int length) {
    int n = Math.min(length, CLIP_FRAMES);
    System.arraycopy(samples, 0, clip, 0, n);
    java.util.Arrays.fill(clip, n, CLIP_FRAMES, 0);
    return new EarFeatures(envelope(), frequency(), spectrum());
  }

  /** Features of a whole clip. */
  public EarFeatures extract(double[] samples) {
    return extract(samples, samples.length);
  }

  private float[] envelope() {
    int frames = EarFeatures.ENVELOPE_FRAMES;
    int bands = envelopeMel.bands();
    for (int t = 0; t < frames; t++) {
      envelopeStft.frame(clip, CLIP_FRAMES, t, power);
      envelopeMel.apply(power, envelopeBands, t * bands);
    }
    Decibels.powerToDb(envelopeBands, frames * bands, 60);
    double[] loudness = new double[frames];
    for (int t = 0; t < frames; t++) {
      double sum = 0;
      for (int b = 0; b < bands; b++) {
        sum += envelopeBands[t * bands + b];
      }
      loudness[t] = sum;
    }
    return minMax(loudness);
  }

  private float[] frequency() {
    int frames = frequencyStft.frames(FREQUENCY_FRAMES);
    java.util.Arrays.fill(longTermPower, 0);
    for (int t = 0; t < frames; t++) {
      frequencyStft.frame(clip, FREQUENCY_FRAMES, t, power);
      for (int k = 0; k < longTermPower.length; k++) {
        longTermPower[k] += power[k];
      }
    }
    frequencyMel.apply(longTermPower, frequencyBands, 0);
    Decibels.powerToDb(frequencyBands, frequencyBands.length, 30);
    return minMax(frequencyBands);
  }

  private float[][] spectrum() {
    int frames = EarFeatures.SPECTRUM_FRAMES;
    int bands = EarFeatures.SPECTRUM_BANDS;
    for (int t = 0; t < frames; t++) {
      spectrumStft.frame(clip, CLIP_FRAMES, t, power);
      spectrumMel.apply(power, spectrumBands, t * bands);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : spectrumBands) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double range = max - min;
    float[][] spectrum = new float[bands][frames];
    for (int t = 0; t < frames; t++) {
      for (int b = 0; b < bands; b++) {
        spectrum[b][t] = range > 0 ? (float) ((spectrumBands[t * bands + b] - min) / range) : 0f;
      }
    }
    return spectrum;
  }

  /** Min-max normalisation to [0, 1]; a constant vector maps to zeros, never NaN. */
  private static float[] minMax(double[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double range = max - min;
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = range > 0 ? (float) ((values[i] - min) / range) : 0f;
    }
    return out;
  }
}
