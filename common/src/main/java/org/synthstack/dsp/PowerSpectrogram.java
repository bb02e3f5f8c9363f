package org.synthstack.dsp;

/**
 * Short-time power spectra in librosa's convention: frame {@code t} is centred on sample {@code t * hop}, the
 * signal is padded by reflection at both ends ({@code center=True, pad_mode='reflect'}), and a periodic Hann
 * window of {@code windowLength} samples sits in the middle of an {@code fftSize}-point frame.
 *
 * <p>A reusable workspace: not thread-safe; no allocation per frame.
 */
public final class PowerSpectrogram {
  private final int fftSize;
  private final int hop;
  private final int windowOffset;
  private final double[] window;
  private final RealFft fft;
  private final double[] frame;

  public PowerSpectrogram(int fftSize, int windowLength, int hop) {
    if (windowLength > fftSize || windowLength < 1) {
      throw new IllegalArgumentException("window length " + windowLength + " must be in 1.." + fftSize);
    }
    if (hop < 1) {
      throw new IllegalArgumentException("hop must be positive, got " + hop);
    }
    this.fftSize = fftSize;
    this.hop = hop;
    this.windowOffset = (fftSize - windowLength) / 2;
    this.window = Windows.periodicHann(windowLength);
    this.fft = new RealFft(fftSize);
    this.frame = new double[fftSize];
  }

  /** Frames for a signal of {@code length} samples: {@code 1 + length / hop}. */
  public int frames(int length) {
    return 1 + length / hop;
  }

  /** One-sided bins per frame: {@code fftSize / 2 + 1}. */
  public int bins() {
    return fft.bins();
  }

  public int fftSize() {
    return fftSize;
  }

  /** Writes the power spectrum of frame {@code t} of {@code signal[0..length)} into {@code power[0..bins)}. */
  public void frame(double[] signal, int length, int t, double[] power) {
    int first = t * hop - fftSize / 2 + windowOffset;
    java.util.Arrays.fill(frame, 0, windowOffset, 0);
    java.util.Arrays.fill(frame, windowOffset + window.length, fftSize, 0);
    int w = window.length;
    if (first >= 0 && first + w <= length) {
      for (int n = 0; n < w; n++) {
        frame[windowOffset + n] = signal[first + n] * window[n];
      }
    } else if (first > -length && first + w < 2 * length - 1) {
      // One reflection at most on each side: three plain loops, no division per sample.
      int leftEnd = Math.min(w, -first);
      int rightStart = Math.max(leftEnd, length - first);
      for (int n = 0; n < leftEnd; n++) {
        frame[windowOffset + n] = signal[-(first + n)] * window[n];
      }
      for (int n = Math.max(0, leftEnd); n < rightStart && n < w; n++) {
        frame[windowOffset + n] = signal[first + n] * window[n];
      }
      for (int n = rightStart; n < w; n++) {
        frame[windowOffset + n] = signal[2 * (length - 1) - (first + n)] * window[n];
      }
    } else {
      for (int n = 0; n < w; n++) {
        frame[windowOffset + n] = signal[reflect(first + n, length)] * window[n];
      }
    }
    fft.power(frame, power);
  }

  /** numpy's 'reflect' padding (the edge sample is not repeated), applied as often as the index needs. */
  static int reflect(int index, int length) {
    if (length == 1) {
      return 0;
    }
    int period = 2 * (length - 1);
    int i = Math.floorMod(index, period);
    return i < length ? i : period - i;
  }
}
