package org.synthstack.features;

import org.jtransforms.fft.DoubleFFT_1D;
import org.synthstack.dsp.Windows;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * The improviser's spectral descriptors ({@link SpectralFeature}), frame by frame, with Meyda's definitions as the
 * domain notes (§5) correct them.
 *
 * <p>Framing: frame {@code t} covers samples {@code [t·hop, t·hop + N)} (not centred; the tail is zero-padded), is
 * multiplied by a symmetric Hann window (Meyda's), and its magnitude spectrum {@code a_k = |X_k|} for bins {@code k =
 * 0 .. N/2 − 1} is described. Its time is the frame's start in ms.
 *
 * <p>Definitions (moments in bins, {@code μ_i = Σ k^i a_k / Σ a_k}, converted to Hz where the unit is Hz):
 *
 * <ul>
 *   <li>centroid = μ₁ · binHz; spread = √(central 2nd moment) · binHz;
 *   <li>skewness = central 3rd moment / spread³; kurtosis = central 4th moment / spread⁴ (the true fourth central
 *       moment, not Meyda's 6μ₁μ₂ variant). Central moments are accumulated around μ₁ in a second pass, which is
 *       algebraically the notes' raw-moment expansion but does not cancel catastrophically for narrow spectra;
 *   <li>rolloff = the centre frequency of the first bin at which the cumulative magnitude reaches {@code
 *       rolloffFraction · Σ a};
 *   <li>slope = least-squares slope of {@code a} over {@code f_k = k · binHz}, divided by Σ a (1/Hz). Meyda's
 *       denominator omits the factor n in {@code n Σf² − (Σf)²}; this is the true regression slope;
 *   <li>decrease = Σ_{k≥1} (a_k − a_0)/k / Σ_{k≥1} a_k (Peeters, written 0-based);
 *   <li>variation = 1 − Σ a_{t−1} a_t / (‖a_{t−1}‖ ‖a_t‖); 0 for the first frame;
 *   <li>chroma: {@link ChromaFilterbank} applied to {@code a} (Meyda applies it to the magnitude, librosa to the
 *       power), divided by its maximum.
 * </ul>
 *
 * <p>Silence is defined, never NaN: a frame with Σ a = 0 has every feature 0, except variation, which is 1 when
 * exactly one of the two frames compared is silent (everything changed) and 0 when both are. A frame whose energy
 * sits in one bin has spread 0 and, by definition here, skewness and kurtosis 0.
 *
 * <p>A reusable workspace: not thread-safe; no allocation per frame.
 */
public final class SpectralDescriptors {
  static {
    // Many analyses run in parallel on separate cores (Spark tasks); threads inside one FFT only contend.
    ConcurrencyUtils.setNumberOfThreads(1);
  }

  /** Number of descriptors per frame. */
  public static final int FEATURES = SpectralFeature.values().length;

  /** Below this spread (in bins) the spectrum is treated as one line: skewness and kurtosis are 0. */
  private static final double MIN_SPREAD_BINS = 1e-9;

  private final SpectralSettings settings;
  private final int frameSize;
  private final int bins;
  private final double binHz;
  private final double[] window;
  private final DoubleFFT_1D fft;
  private final ChromaFilterbank chroma;
  /** n Σf² − (Σf)² over the bins' frequencies: the slope's constant denominator (before dividing by Σa). */
  private final double slopeDenominator;
  private final double frequencySum;

  private final double[] fftBuffer;
  private final double[] magnitude;
  private final double[] previous;
  private final double[] descriptor = new double[FEATURES];

  public SpectralDescriptors(SpectralSettings settings) {
    this.settings = settings;
    this.frameSize = settings.frameSize();
    this.bins = frameSize / 2;
    this.binHz = settings.binHz();
    this.window = Windows.symmetricHann(frameSize);
    this.fft = new DoubleFFT_1D(frameSize);
    this.chroma = new ChromaFilterbank(settings.sampleRate(), frameSize);
    double sumF = 0;
    double sumF2 = 0;
    for (int k = 0; k < bins; k++) {
      double f = k * binHz;
      sumF += f;
      sumF2 += f * f;
    }
    this.frequencySum = sumF;
    this.slopeDenominator = bins * sumF2 - sumF * sumF;
    this.fftBuffer = new double[frameSize];
    this.magnitude = new double[bins];
    this.previous = new double[bins];
  }

  public SpectralSettings settings() {
    return settings;
  }

  /** Bins in the magnitude spectrum: {@code frameSize / 2}. */
  public int bins() {
    return bins;
  }

  /** Describes every frame of {@code signal} (mono, at {@link SpectralSettings#sampleRate()}). */
  public SpectralFrames analyse(double[] signal) {
    int frames = settings.frameCount(signal.length);
    double[] times = new double[frames];
    double[][] columns = new double[FEATURES][frames];
    for (int t = 0; t < frames; t++) {
      magnitudeSpectrum(signal, t * settings.hopSize(), magnitude);
      describeSpectrum(magnitude, t == 0 ? null : previous, descriptor);
      for (int f = 0; f < FEATURES; f++) {
        columns[f][t] = descriptor[f];
      }
      times[t] = settings.frameTimeMs(t);
      System.arraycopy(magnitude, 0, previous, 0, bins);
    }
    return new SpectralFrames(times, columns);
  }

  /**
   * Writes the magnitude spectrum (bins {@code 0 .. N/2 − 1}) of the Hann-windowed frame starting at sample {@code
   * start} into {@code out}; samples past the end of {@code signal} count as 0.
   */
  public void magnitudeSpectrum(double[] signal, int start, double[] out) {
    int available = Math.max(0, Math.min(frameSize, signal.length - start));
    for (int n = 0; n < available; n++) {
      fftBuffer[n] = signal[start + n] * window[n];
    }
    java.util.Arrays.fill(fftBuffer, available, frameSize, 0);
    fft.realForward(fftBuffer);
    // JTransforms packs Re[0] and Re[N/2] into slots 0 and 1, then (Re, Im) pairs; Re[N/2] is not used.
    out[0] = Math.abs(fftBuffer[0]);
    for (int k = 1; k < bins; k++) {
      double re = fftBuffer[2 * k];
      double im = fftBuffer[2 * k + 1];
      out[k] = Math.sqrt(re * re + im * im);
    }
  }

  /**
   * Describes one magnitude spectrum.
   *
   * @param a magnitudes of bins {@code 0 .. bins() − 1}
   * @param previousOrNull the previous frame's magnitudes, or null for the first frame (variation 0)
   * @param out receives {@link #FEATURES} values, indexed by {@link SpectralFeature#ordinal()}
   */
  public void describeSpectrum(double[] a, double[] previousOrNull, double[] out) {
    double sum = 0;
    double sumK = 0;
    double sumFA = 0;
    for (int k = 0; k < bins; k++) {
      sum += a[k];
      sumK += k * a[k];
    }
    out[SpectralFeature.VARIATION.ordinal()] = previousOrNull == null ? 0 : variation(previousOrNull, a);
    if (!(sum > 0)) {
      for (int f = 0; f < FEATURES; f++) {
        if (f != SpectralFeature.VARIATION.ordinal()) {
          out[f] = 0;
        }
      }
      return;
    }
    chroma.applyMaxNormalised(a, out, SpectralFeature.CHROMA_01.ordinal());

    double mean = sumK / sum;
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (int k = 0; k < bins; k++) {
      double d = k - mean;
      double d2 = d * d;
      m2 += d2 * a[k];
      m3 += d2 * d * a[k];
      m4 += d2 * d2 * a[k];
      sumFA += k * binHz * a[k];
    }
    m2 /= sum;
    m3 /= sum;
    m4 /= sum;
    double spreadBins = Math.sqrt(Math.max(0, m2));
    out[SpectralFeature.CENTROID.ordinal()] = mean * binHz;
    out[SpectralFeature.SPREAD.ordinal()] = spreadBins * binHz;
    if (spreadBins > MIN_SPREAD_BINS) {
      out[SpectralFeature.SKEWNESS.ordinal()] = m3 / (spreadBins * spreadBins * spreadBins);
      out[SpectralFeature.KURTOSIS.ordinal()] = m4 / (m2 * m2);
    } else {
      out[SpectralFeature.SKEWNESS.ordinal()] = 0;
      out[SpectralFeature.KURTOSIS.ordinal()] = 0;
    }
    out[SpectralFeature.ROLLOFF.ordinal()] = rolloff(a, sum);
    out[SpectralFeature.SLOPE.ordinal()] = (bins * sumFA - frequencySum * sum) / slopeDenominator / sum;
    out[SpectralFeature.DECREASE.ordinal()] = decrease(a);
  }

  private double rolloff(double[] a, double sum) {
    double threshold = settings.rolloffFraction() * sum;
    double cumulative = 0;
    for (int k = 0; k < bins; k++) {
      cumulative += a[k];
      if (cumulative >= threshold) {
        return k * binHz;
      }
    }
    // Rounding can leave the cumulative sum a hair short of a 100% threshold.
    return (bins - 1) * binHz;
  }

  private double decrease(double[] a) {
    double numerator = 0;
    double denominator = 0;
    for (int k = 1; k < bins; k++) {
      numerator += (a[k] - a[0]) / k;
      denominator += a[k];
    }
    return denominator > 0 ? numerator / denominator : 0;
  }

  private double variation(double[] previousFrame, double[] a) {
    double dot = 0;
    double normPrevious = 0;
    double norm = 0;
    for (int k = 0; k < bins; k++) {
      dot += previousFrame[k] * a[k];
      normPrevious += previousFrame[k] * previousFrame[k];
      norm += a[k] * a[k];
    }
    boolean previousSilent = !(normPrevious > 0);
    boolean silent = !(norm > 0);
    if (previousSilent || silent) {
      return previousSilent == silent ? 0 : 1;
    }
    // Clamp: rounding can push the cosine a hair above 1.
    return Math.max(0, 1 - dot / Math.sqrt(normPrevious * norm));
  }
}
