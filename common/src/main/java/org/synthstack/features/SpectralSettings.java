package org.synthstack.features;

/**
 * How {@link SpectralDescriptors} frames a signal.
 *
 * @param sampleRate Hz of the analysed signal
 * @param frameSize samples per frame and FFT size; even, at least 16. The magnitude spectrum has {@code
 *     frameSize / 2} bins (0 .. N/2 − 1, Meyda's convention: the Nyquist bin is dropped)
 * @param hopSize samples between frame starts, at least 1
 * @param rolloffFraction share of the magnitude sum below the rolloff frequency, in (0, 1]; 0.99 by default as the
 *     domain notes say (Peeters uses 0.95)
 */
public record SpectralSettings(int sampleRate, int frameSize, int hopSize, double rolloffFraction) {

  /** 48 kHz (the project's rate), 2048-sample frames, hop 1024 (21.3 ms per frame), rolloff 99%. */
  public static final SpectralSettings DEFAULT = new SpectralSettings(48_000, 2048, 1024, 0.99);

  public SpectralSettings {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate must be positive: " + sampleRate);
    }
    if (frameSize < 16 || frameSize % 2 != 0) {
      throw new IllegalArgumentException("frameSize must be even and at least 16: " + frameSize);
    }
    if (hopSize < 1) {
      throw new IllegalArgumentException("hopSize must be at least 1: " + hopSize);
    }
    if (!(rolloffFraction > 0 && rolloffFraction <= 1)) {
      throw new IllegalArgumentException("rolloffFraction must be in (0, 1]: " + rolloffFraction);
    }
  }

  public SpectralSettings withFrame(int newFrameSize, int newHopSize) {
    return new SpectralSettings(sampleRate, newFrameSize, newHopSize, rolloffFraction);
  }

  public SpectralSettings withRolloffFraction(double fraction) {
    return new SpectralSettings(sampleRate, frameSize, hopSize, fraction);
  }

  /** Width of one FFT bin in Hz. */
  public double binHz() {
    return (double) sampleRate / frameSize;
  }

  /** Frames in a signal of {@code length} samples: every full frame, and one zero-padded frame for a shorter one. */
  public int frameCount(int length) {
    if (length <= 0) {
      return 0;
    }
    return length < frameSize ? 1 : 1 + (length - frameSize) / hopSize;
  }

  /** Start time of frame {@code t} in ms since the start of the signal. */
  public double frameTimeMs(int t) {
    return 1000.0 * t * hopSize / sampleRate;
  }
}
