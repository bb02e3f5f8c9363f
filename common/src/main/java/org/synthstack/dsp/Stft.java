package org.synthstack.dsp;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Short-time Fourier analysis and weighted overlap-add (WOLA) resynthesis with perfect
 * reconstruction: {@code synthesize(analyze(x))} returns {@code x} up to rounding (about 1e-15
 * relative) for any window and hop whose squared windows overlap everywhere.
 *
 * <h2>Framing</h2>
 *
 * Frame {@code t} covers samples {@code [start(t), start(t) + frameLength)} with {@code start(t) = t
 * * hop - (frameLength - hop)}; samples outside {@code [0, length)} count as zero. The first frame
 * therefore ends {@code hop} samples into the signal and the last one starts at or before its final
 * sample, so every sample is covered by all the frames that overlap it, which is what perfect
 * reconstruction at the edges needs. A signal of {@code length > 0} samples has {@code
 * floor((length - 1 + frameLength - hop) / hop) + 1} frames.
 *
 * <h2>Spectra</h2>
 *
 * Frame {@code t} has the one-sided spectrum {@code X_t[k] = sum_n w(n) x(start(t) + n) exp(-2 pi i k
 * n / N)}, {@code k = 0..N/2}, unnormalised, with {@code N = frameLength} and {@code w} the analysis
 * window. Spectra are interleaved arrays of {@code 2 * bins()} doubles: {@code re[k]} at {@code 2k},
 * {@code im[k]} at {@code 2k + 1} (the imaginary parts of DC and Nyquist are 0 on output and ignored on
 * input).
 *
 * <h2>Resynthesis</h2>
 *
 * Each frame is inverse transformed (scaled by 1/N), multiplied by the synthesis window {@code ws(n) =
 * w(n) / sum_m w(n + m hop)^2} (the canonical dual window; the sum runs over the indices inside the
 * frame) and added at {@code start(t)}. For the square-root periodic Hann window at 50 % overlap the
 * denominator is 1 and {@code ws = w}. Modified spectra are resynthesised by least squares (Griffin
 * &amp; Lim 1984).
 *
 * <p>An instance is a reusable workspace: not thread-safe, and no allocation per frame. Give each
 * thread its own (construction costs one FFT plan, O(frameLength)). JTransforms transforms frames
 * shorter than 8192 points in the calling thread.
 */
public final class Stft {
  /** The smallest accepted overlap sum of squared windows, relative to its maximum. */
  private static final double MIN_RELATIVE_OVERLAP = 1e-9;

  private final int frameLength;
  private final int hop;
  private final double[] analysisWindow;
  private final double[] synthesisWindow;
  private final DoubleFFT_1D fft;
  private final double[] frame;

  /**
   * @param analysisWindow the analysis window; its length is the frame (and FFT) length, even and at
   *     least 2; copied
   * @param hop frame advance in samples, 1..frameLength
   * @throws IllegalArgumentException if a window value is not finite, or if some sample would not be
   *     reconstructible (the squared windows do not overlap there)
   */
  public Stft(double[] analysisWindow, int hop) {
    int n = analysisWindow.length;
    if (n < 2 || n % 2 != 0) {
      throw new IllegalArgumentException("frameLength (window length) must be even and at least 2, got " + n);
    }
    if (hop < 1 || hop > n) {
      throw new IllegalArgumentException("hop must be in 1.." + n + " samples, got " + hop);
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(analysisWindow[i])) {
        throw new IllegalArgumentException("analysis window value " + i + " is not finite: " + analysisWindow[i]);
      }
    }
    this.frameLength = n;
    this.hop = hop;
    this.analysisWindow = analysisWindow.clone();
    this.synthesisWindow = dualWindow(this.analysisWindow, hop);
    this.fft = new DoubleFFT_1D(n);
    this.frame = new double[n];
  }

  /**
   * The square root of the periodic Hann window: with {@code hop = frameLength / 2} analysis and
   * synthesis windows are equal and each frame's gain modification is tapered at both ends.
   */
  public static Stft sqrtHann(int frameLength, int hop) {
    if (frameLength < 2) {
      throw new IllegalArgumentException("frameLength must be even and at least 2, got " + frameLength);
    }
    double[] w = Windows.periodicHann(frameLength);
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.sqrt(w[i]);
    }
    return new Stft(w, hop);
  }

  /** A fresh workspace with the same windows and hop (for another thread). */
  public Stft copy() {
    return new Stft(analysisWindow, hop);
  }

  private static double[] dualWindow(double[] w, int hop) {
    int n = w.length;
    double[] overlap = new double[hop];
    for (int i = 0; i < n; i++) {
      overlap[i % hop] += w[i] * w[i];
    }
    double max = 0;
    for (double o : overlap) {
      max = Math.max(max, o);
    }
    for (int r = 0; r < hop; r++) {
      if (!(overlap[r] > MIN_RELATIVE_OVERLAP * max)) {
        throw new IllegalArgumentException("window and hop " + hop + " do not overlap-add: the squared windows sum to "
            + overlap[r] + " at offset " + r + ", so those samples cannot be reconstructed");
      }
    }
    double[] dual = new double[n];
    for (int i = 0; i < n; i++) {
      dual[i] = w[i] / overlap[i % hop];
    }
    return dual;
  }

  /** Samples per frame, also the FFT length. */
  public int frameLength() {
    return frameLength;
  }

  /** Frame advance in samples. */
  public int hop() {
    return hop;
  }

  /** One-sided bins per frame: {@code frameLength / 2 + 1}. */
  public int bins() {
    return frameLength / 2 + 1;
  }

  /** Doubles per interleaved spectrum: {@code 2 * bins()}. */
  public int spectrumLength() {
    return 2 * bins();
  }

  /** Frames covering a signal of {@code length} samples (0 for an empty signal). */
  public int frames(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, got " + length);
    }
    return length == 0 ? 0 : (length - 1 + frameLength - hop) / hop + 1;
  }

  /** First sample of frame {@code t} (negative for the leading frames). */
  public int frameStart(int t) {
    return t * hop - (frameLength - hop);
  }

  public double[] analysisWindow() {
    return analysisWindow.clone();
  }

  public double[] synthesisWindow() {
    return synthesisWindow.clone();
  }

  /**
   * Writes the spectrum of frame {@code t} of {@code signal[0..length)} into {@code spectrum[0..2 *
   * bins())}.
   */
  public void analyzeFrame(double[] signal, int length, int t, double[] spectrum) {
    int start = frameStart(t);
    int from = Math.max(0, -start);
    int to = Math.min(frameLength, length - start);
    Arrays.fill(frame, 0.0);
    for (int i = from; i < to; i++) {
      frame[i] = signal[start + i] * analysisWindow[i];
    }
    fft.realForward(frame);
    unpack(frame, spectrum);
  }

  /**
   * Inverse transforms {@code spectrum} (as {@link #analyzeFrame} writes it, possibly modified),
   * applies the synthesis window and adds it into {@code output[0..length)} at frame {@code t}'s
   * position; samples outside {@code [0, length)} are dropped. {@code spectrum} is not modified.
   */
  public void overlapAddFrame(double[] spectrum, int t, double[] output, int length) {
    pack(spectrum, frame);
    fft.realInverse(frame, true);
    int start = frameStart(t);
    int from = Math.max(0, -start);
    int to = Math.min(frameLength, length - start);
    for (int i = from; i < to; i++) {
      output[start + i] += frame[i] * synthesisWindow[i];
    }
  }

  /** All frames of {@code signal}: {@code frames(signal.length)} spectra of {@code 2 * bins()} doubles. */
  public double[][] analyze(double[] signal) {
    double[][] spectra = new double[frames(signal.length)][spectrumLength()];
    for (int t = 0; t < spectra.length; t++) {
      analyzeFrame(signal, signal.length, t, spectra[t]);
    }
    return spectra;
  }

  /** The signal of {@code length} samples whose frames are {@code spectra}, by weighted overlap-add. */
  public double[] synthesize(double[][] spectra, int length) {
    if (spectra.length != frames(length)) {
      throw new IllegalArgumentException("a signal of " + length + " samples has " + frames(length)
          + " frames, got " + spectra.length + " spectra");
    }
    double[] output = new double[length];
    for (int t = 0; t < spectra.length; t++) {
      overlapAddFrame(spectra[t], t, output, length);
    }
    return output;
  }

  /** JTransforms' packing (Re0, Re(N/2), Re1, Im1, …) to interleaved (Re0, 0, Re1, Im1, …, Re(N/2), 0). */
  private void unpack(double[] packed, double[] spectrum) {
    int half = frameLength / 2;
    spectrum[0] = packed[0];
    spectrum[1] = 0;
    System.arraycopy(packed, 2, spectrum, 2, frameLength - 2);
    spectrum[2 * half] = packed[1];
    spectrum[2 * half + 1] = 0;
  }

  private void pack(double[] spectrum, double[] packed) {
    int half = frameLength / 2;
    packed[0] = spectrum[0];
    packed[1] = spectrum[2 * half];
    System.arraycopy(spectrum, 2, packed, 2, frameLength - 2);
  }
}
