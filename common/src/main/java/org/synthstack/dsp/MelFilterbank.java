package org.synthstack.dsp;

/**
 * Triangular mel filters on the Slaney mel scale with Slaney area normalisation: librosa's default
 * ({@code librosa.filters.mel(htk=False, norm='slaney')}). The whole project uses this one mel scale.
 *
 * <p>Stored sparsely: each band keeps only the bins where its weight is non-zero.
 */
public final class MelFilterbank {
  private static final double LINEAR_HZ_PER_MEL = 200.0 / 3;
  private static final double LOG_START_HZ = 1000;
  private static final double LOG_START_MEL = LOG_START_HZ / LINEAR_HZ_PER_MEL;
  private static final double LOG_STEP = Math.log(6.4) / 27;

  private final int bands;
  private final int[] firstBin;
  private final double[][] weights;

  /**
   * @param sampleRate Hz
   * @param fftSize the FFT size whose one-sided spectrum ({@code fftSize/2 + 1} bins) is filtered
   * @param bands number of mel bands
   * @param minHz lower edge of the lowest band
   * @param maxHz upper edge of the highest band
   */
  public MelFilterbank(double sampleRate, int fftSize, int bands, double minHz, double maxHz) {
    if (bands < 1 || !(minHz >= 0 && minHz < maxHz && maxHz <= sampleRate / 2)) {
      throw new IllegalArgumentException(
          "mel filterbank needs bands >= 1 and 0 <= minHz < maxHz <= Nyquist; got bands=" + bands + ", minHz="
              + minHz + ", maxHz=" + maxHz);
    }
    this.bands = bands;
    int bins = fftSize / 2 + 1;
    double[] edges = new double[bands + 2];
    double lowMel = hzToMel(minHz);
    double highMel = hzToMel(maxHz);
    for (int i = 0; i < edges.length; i++) {
      edges[i] = melToHz(lowMel + (highMel - lowMel) * i / (bands + 1));
    }
    firstBin = new int[bands];
    weights = new double[bands][];
    double[] dense = new double[bins];
    for (int m = 0; m < bands; m++) {
      double lower = edges[m];
      double centre = edges[m + 1];
      double upper = edges[m + 2];
      double norm = 2 / (upper - lower);
      int first = -1;
      int last = -1;
      for (int k = 0; k < bins; k++) {
        double f = k * sampleRate / fftSize;
        double w = Math.max(0, Math.min((f - lower) / (centre - lower), (upper - f) / (upper - centre)));
        dense[k] = w * norm;
        if (w > 0) {
          if (first < 0) {
            first = k;
          }
          last = k;
        }
      }
      if (first < 0) {
        // A band narrower than one bin: librosa leaves it empty too, and it always reads zero.
        firstBin[m] = 0;
        weights[m] = new double[0];
      } else {
        firstBin[m] = first;
        weights[m] = java.util.Arrays.copyOfRange(dense, first, last + 1);
      }
    }
  }

  public int bands() {
    return bands;
  }

  /** Writes the band energies of {@code power} (a one-sided power spectrum) into {@code out[offset..offset+bands)}. */
  public void apply(double[] power, double[] out, int offset) {
    for (int m = 0; m < bands; m++) {
      double[] w = weights[m];
      int k0 = firstBin[m];
      // Four partial sums break the FP-add latency chain; wide bands span hundreds of bins.
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int j = 0;
      for (int end = w.length - 3; j < end; j += 4) {
        s0 = Math.fma(w[j], power[k0 + j], s0);
        s1 = Math.fma(w[j + 1], power[k0 + j + 1], s1);
        s2 = Math.fma(w[j + 2], power[k0 + j + 2], s2);
        s3 = Math.fma(w[j + 3], power[k0 + j + 3], s3);
      }
      for (; j < w.length; j++) {
        s0 = Math.fma(w[j], power[k0 + j], s0);
      }
      out[offset + m] = (s0 + s1) + (s2 + s3);
    }
  }

  /** The weight of bin {@code k} in band {@code m}, for inspection and tests. */
  public double weight(int m, int k) {
    int j = k - firstBin[m];
    return j >= 0 && j < weights[m].length ? weights[m][j] : 0;
  }

  /** Slaney's mel scale: linear below 1 kHz, logarithmic above. */
  public static double hzToMel(double hz) {
    return hz < LOG_START_HZ ? hz / LINEAR_HZ_PER_MEL : LOG_START_MEL + Math.log(hz / LOG_START_HZ) / LOG_STEP;
  }

  public static double melToHz(double mel) {
    return mel < LOG_START_MEL ? mel * LINEAR_HZ_PER_MEL : LOG_START_HZ * Math.exp(LOG_STEP * (mel - LOG_START_MEL));
  }
}
