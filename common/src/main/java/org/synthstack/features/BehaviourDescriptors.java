package org.synthstack.features;

import java.util.Arrays;
import java.util.List;
import org.synthstack.dsp.RealFft;
import org.synthstack.dsp.Windows;

/**
 * Behaviour descriptors of a sound, for the guided search's archive: three numbers a sound designer reads without a
 * manual, computed from the 48 kHz clip (cut or zero-padded to 1 s) in well under a millisecond.
 *
 * <ul>
 *   <li><b>centroid</b> (Hz): the power-weighted mean frequency of the whole clip, over the bins from 80 Hz to
 *       15 kHz (the synthesizer's output band): {@code sum f_k S_k / sum S_k} with {@code S_k} the power of bin k
 *       summed over 2048-point periodic-Hann frames with a hop of 1024. A sine at f gives f; white noise gives the
 *       middle of the band, about 7.5 kHz. Dark kicks sit low, hats high.
 *   <li><b>decay</b> (s): how long the sound rings: from the loudest 10 ms frame (mean square over 480 samples) to
 *       the end of the last frame within 30 dB of it. A sound decaying as {@code exp(-t / tau)} gives about
 *       {@code 3.45 tau} (30 dB of power is {@code 1.5 ln 10 tau}); a sound that holds to the end of the buffer
 *       gives the time from its peak to the end.
 *   <li><b>noisiness</b> (0..about 1): spectral flatness (the geometric over the arithmetic mean of the frame's power
 *       over 80 Hz..15 kHz), averaged over frames weighted by their energy, frames more than 40 dB below the loudest
 *       left out, and divided by {@code e^-gamma} = 0.5615, the flatness a periodogram of white noise has on
 *       average (each bin's power is exponentially distributed, and {@code E[ln X] = ln E[X] - gamma}). So white
 *       noise scores about 1, a pure tone nearly 0, a pitched drum with a noisy attack in between. Each bin's power
 *       is floored at 1e-10 of the frame's mean so the logarithm stays finite.
 * </ul>
 *
 * A silent clip gives NaN for all three. A reusable workspace: not thread-safe.
 */
public final class BehaviourDescriptors {
  /** Descriptor names, in the order {@link #compute} returns them. */
  public static final List<String> NAMES = List.of("centroid", "decay", "noisiness");
  /** Units of the descriptors, in {@link #NAMES} order. */
  public static final List<String> UNITS = List.of("Hz", "s", "");
  public static final int CENTROID = 0;
  public static final int DECAY = 1;
  public static final int NOISINESS = 2;

  /** The flatness of white noise's periodogram: e^-gamma, gamma being Euler's constant. */
  public static final double WHITE_NOISE_FLATNESS = Math.exp(-0.5772156649015329);
  /** The decay threshold below the peak, in dB. */
  public static final double DECAY_DB = 30;

  private static final int SAMPLE_RATE = EarFeatureExtractor.SAMPLE_RATE;
  private static final int CLIP = EarFeatureExtractor.CLIP_FRAMES;
  private static final int FFT = 2048;
  private static final int HOP = 1024;
  private static final int ENVELOPE_FRAME = SAMPLE_RATE / 100;
  private static final double LOW_HZ = 80;
  private static final double HIGH_HZ = 15_000;
  private static final double ACTIVE_DB = 40;

  private final RealFft fft = new RealFft(FFT);
  private final double[] window = Windows.periodicHann(FFT);
  private final double[] frame = new double[FFT];
  private final double[] power = new double[FFT / 2 + 1];
  private final double[] longTerm = new double[FFT / 2 + 1];
  private final int frames = (CLIP - FFT) / HOP + 2;
  private final double[] frameEnergy = new double[frames];
  private final double[] frameFlatness = new double[frames];
  private final double[] envelope = new double[CLIP / ENVELOPE_FRAME];
  private final int firstBin = (int) Math.ceil(LOW_HZ * FFT / SAMPLE_RATE);
  private final int lastBin = (int) Math.floor(HIGH_HZ * FFT / SAMPLE_RATE);

  /** Centroid (Hz), decay (s) and noisiness of {@code samples[0..length)}, in {@link #NAMES} order. */
  public double[] compute(double[] samples, int length) {
    int n = Math.min(length, CLIP);
    double[] out = new double[NAMES.size()];
    double peak = envelope(samples, n);
    if (!(peak > 0)) {
      Arrays.fill(out, Double.NaN);
      return out;
    }
    out[DECAY] = decay(peak);
    spectra(samples, n);
    double weighted = 0;
    double moment = 0;
    for (int k = firstBin; k <= lastBin; k++) {
      moment += k * (double) SAMPLE_RATE / FFT * longTerm[k];
      weighted += longTerm[k];
    }
    out[CENTROID] = weighted > 0 ? moment / weighted : Double.NaN;
    double loudest = 0;
    for (double e : frameEnergy) {
      loudest = Math.max(loudest, e);
    }
    double threshold = loudest * Math.pow(10, -ACTIVE_DB / 10);
    double sum = 0;
    double weights = 0;
    for (int t = 0; t < frames; t++) {
      if (frameEnergy[t] > 0 && frameEnergy[t] >= threshold) {
        sum += frameEnergy[t] * frameFlatness[t];
        weights += frameEnergy[t];
      }
    }
    out[NOISINESS] = weights > 0 ? sum / weights / WHITE_NOISE_FLATNESS : Double.NaN;
    return out;
  }

  /** Descriptors of a whole clip. */
  public double[] compute(double[] samples) {
    return compute(samples, samples.length);
  }

  /** Fills the 10 ms mean-square envelope; returns its peak. */
  private double envelope(double[] samples, int n) {
    double peak = 0;
    for (int f = 0; f < envelope.length; f++) {
      int from = f * ENVELOPE_FRAME;
      int to = Math.min(from + ENVELOPE_FRAME, n);
      double s = 0;
      for (int i = from; i < to; i++) {
        s += samples[i] * samples[i];
      }
      envelope[f] = s / ENVELOPE_FRAME;
      peak = Math.max(peak, envelope[f]);
    }
    return peak;
  }

  private double decay(double peak) {
    int peakFrame = 0;
    while (envelope[peakFrame] < peak) {
      peakFrame++;
    }
    double threshold = peak * Math.pow(10, -DECAY_DB / 10);
    int last = peakFrame;
    for (int f = envelope.length - 1; f > peakFrame; f--) {
      if (envelope[f] >= threshold) {
        last = f;
        break;
      }
    }
    return (last + 1 - peakFrame) * (double) ENVELOPE_FRAME / SAMPLE_RATE;
  }

  /**
   * Flatness of the current frame's band, whose mean power is {@code mean}. The geometric mean takes one logarithm
   * per 16 bins: each bin's power over the mean lies in [1e-10, bins], so a product of 16 stays far inside the
   * double range (a logarithm per bin cost as much as the ear's features).
   */
  private double flatness(double mean) {
    double floor = 1e-10 * mean;
    double inverse = 1 / mean;
    double logSum = 0;
    double sum = 0;
    double product = 1;
    int inProduct = 0;
    for (int k = firstBin; k <= lastBin; k++) {
      double p = power[k] + floor;
      sum += p;
      product *= p * inverse;
      if (++inProduct == 16) {
        logSum += Math.log(product);
        product = 1;
        inProduct = 0;
      }
    }
    logSum += Math.log(product);
    int bins = lastBin - firstBin + 1;
    return Math.exp(logSum / bins) * mean / (sum / bins);
  }

  /** Per-frame power spectra: accumulates the long-term spectrum, each frame's band energy and flatness. */
  private void spectra(double[] samples, int n) {
    Arrays.fill(longTerm, 0);
    int bins = lastBin - firstBin + 1;
    for (int t = 0; t < frames; t++) {
      int from = t * HOP;
      for (int i = 0; i < FFT; i++) {
        int j = from + i;
        frame[i] = j < n ? samples[j] * window[i] : 0;
      }
      fft.power(frame, power);
      double energy = 0;
      for (int k = firstBin; k <= lastBin; k++) {
        longTerm[k] += power[k];
        energy += power[k];
      }
      frameEnergy[t] = energy;
      if (energy > 0) {
        frameFlatness[t] = flatness(energy / bins);
      } else {
        frameFlatness[t] = 0;
      }
    }
  }
}
