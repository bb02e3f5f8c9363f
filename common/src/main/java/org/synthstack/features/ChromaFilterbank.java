package org.synthstack.features;

/**
 * librosa's chroma filterbank ({@code librosa.filters.chroma(sr, n_fft, n_chroma=12, tuning=0, ctroct=5,
 * octwidth=2, norm=2, base_c=True)}), ported: each FFT bin gets a Gaussian bump, two bins of width, around its
 * pitch class on the A440 grid; each bin's 12 weights have unit L2 norm; a Gaussian over octaves centred on octave 5
 * (≈ 880 Hz, two octaves wide) favours the middle of the keyboard; row 0 is C.
 *
 * <p>Only bins {@code 0 .. frameSize/2 − 1} are kept, to match the Meyda magnitude spectrum it is applied to.
 */
public final class ChromaFilterbank {
  private static final int N_CHROMA = SpectralFeature.CHROMA_BINS;
  private static final double CENTRE_OCTAVE = 5;
  private static final double OCTAVE_WIDTH = 2;
  /** librosa's A0 reference for its octave numbers: A440 / 16. */
  private static final double A0_HZ = 440.0 / 16;

  private final int bins;
  /** {@code weights[c * bins + k]}: row-major, chroma c (0 = C) by FFT bin k. */
  private final double[] weights;

  /**
   * @param sampleRate Hz
   * @param frameSize FFT size; the bank has {@code frameSize / 2} columns
   */
  public ChromaFilterbank(double sampleRate, int frameSize) {
    this.bins = frameSize / 2;
    double[] frqbins = new double[frameSize];
    for (int k = 1; k < frameSize; k++) {
      double hz = k * sampleRate / frameSize;
      frqbins[k] = N_CHROMA * log2(hz / A0_HZ);
    }
    // librosa invents a value for the 0 Hz bin: 1.5 octaves below bin 1.
    frqbins[0] = frqbins[1] - 1.5 * N_CHROMA;
    double[] binWidth = new double[frameSize];
    for (int k = 0; k < frameSize - 1; k++) {
      binWidth[k] = Math.max(frqbins[k + 1] - frqbins[k], 1.0);
    }
    binWidth[frameSize - 1] = 1;

    double half = Math.round(N_CHROMA / 2.0);
    double[] unrolled = new double[N_CHROMA * bins];
    for (int k = 0; k < bins; k++) {
      double norm = 0;
      for (int c = 0; c < N_CHROMA; c++) {
        double d = frqbins[k] - c;
        // Project the distance into -6 .. 6 semitones, as librosa's np.remainder does (always non-negative).
        d = floorMod(d + half + 10 * N_CHROMA, N_CHROMA) - half;
        double z = 2 * d / binWidth[k];
        double w = Math.exp(-0.5 * z * z);
        unrolled[c * bins + k] = w;
        norm += w * w;
      }
      norm = Math.sqrt(norm);
      double octave = frqbins[k] / N_CHROMA;
      double octaveWeight = Math.exp(-0.5 * sq((octave - CENTRE_OCTAVE) / OCTAVE_WIDTH));
      for (int c = 0; c < N_CHROMA; c++) {
        double w = norm > 0 ? unrolled[c * bins + k] / norm : 0;
        unrolled[c * bins + k] = w * octaveWeight;
      }
    }
    // base_c: librosa rolls the rows by −3 so that row 0, built around A, becomes C.
    weights = new double[N_CHROMA * bins];
    for (int c = 0; c < N_CHROMA; c++) {
      int from = (c + 3) % N_CHROMA;
      System.arraycopy(unrolled, from * bins, weights, c * bins, bins);
    }
  }

  /** Number of FFT bins (columns) the bank reads. */
  public int bins() {
    return bins;
  }

  /** Weight of FFT bin {@code k} in chroma {@code pitchClass} (0 = C). */
  public double weight(int pitchClass, int k) {
    return weights[pitchClass * bins + k];
  }

  /**
   * Writes the 12 chroma energies of {@code magnitude[0..bins)}, divided by their maximum (all 0 for a silent
   * frame), into {@code out[offset .. offset + 12)}.
   */
  public void applyMaxNormalised(double[] magnitude, double[] out, int offset) {
    double max = 0;
    for (int c = 0; c < N_CHROMA; c++) {
      double sum = 0;
      int row = c * bins;
      for (int k = 0; k < bins; k++) {
        sum += weights[row + k] * magnitude[k];
      }
      out[offset + c] = sum;
      max = Math.max(max, sum);
    }
    if (max > 0) {
      for (int c = 0; c < N_CHROMA; c++) {
        out[offset + c] /= max;
      }
    }
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static double sq(double x) {
    return x * x;
  }

  private static double floorMod(double x, double m) {
    double r = x % m;
    return r < 0 ? r + m : r;
  }
}
