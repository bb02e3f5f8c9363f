package org.synthstack.learn;

/**
 * Brings the stored {@code bands × frames} mel spectrum to a model's {@code frequencyBins × timeSteps} (Table 9 lets
 * both vary; the paper recomputed the STFT on the GPU, here the ear's stored 30 × 20 spectrum is the only input).
 * Each axis is resampled on its own: shrinking averages the source cells a target cell covers (area weights, so 30 → 10
 * is the mean of 3 bands), growing interpolates linearly between cell centres (so 30 → 60 adds no information, only
 * resolution). The identity size copies. Values stay within the source's range, so [0, 1] stays [0, 1].
 *
 * <p>Both arrays are band-major ({@code [band * frames + frame]}, as {@code EarFeatures.spectrumFlat}). A reusable
 * workspace: not thread-safe, no allocation per call.
 */
public final class SpectrumResampler {
  private final int sourceBands;
  private final int sourceFrames;
  private final int bands;
  private final int frames;
  private final double[][] bandWeights;
  private final double[][] frameWeights;
  private final double[] rows;

  public SpectrumResampler(int sourceBands, int sourceFrames, int bands, int frames) {
    if (sourceBands < 1 || sourceFrames < 1 || bands < 1 || frames < 1) {
      throw new IllegalArgumentException("sizes must be positive");
    }
    this.sourceBands = sourceBands;
    this.sourceFrames = sourceFrames;
    this.bands = bands;
    this.frames = frames;
    this.bandWeights = weights(sourceBands, bands);
    this.frameWeights = weights(sourceFrames, frames);
    this.rows = new double[sourceBands * frames];
  }

  public int sourceSize() {
    return sourceBands * sourceFrames;
  }

  public int targetSize() {
    return bands * frames;
  }

  /** Resamples {@code source[from .. from + sourceSize)} into {@code target[to .. to + targetSize)}. */
  public void apply(float[] source, int from, float[] target, int to) {
    // Frames first (per source band), then bands.
    for (int b = 0; b < sourceBands; b++) {
      int row = from + b * sourceFrames;
      for (int t = 0; t < frames; t++) {
        double[] w = frameWeights[t];
        double s = 0;
        for (int j = 0; j < sourceFrames; j++) {
          s += w[j] * source[row + j];
        }
        rows[b * frames + t] = s;
      }
    }
    for (int f = 0; f < bands; f++) {
      double[] w = bandWeights[f];
      for (int t = 0; t < frames; t++) {
        double s = 0;
        for (int b = 0; b < sourceBands; b++) {
          s += w[b] * rows[b * frames + t];
        }
        target[to + f * frames + t] = (float) s;
      }
    }
  }

  /** Resamples {@code count} consecutive spectra. */
  public float[] applyAll(float[] sources, int count) {
    float[] out = new float[count * targetSize()];
    for (int i = 0; i < count; i++) {
      apply(sources, i * sourceSize(), out, i * targetSize());
    }
    return out;
  }

  /** Row i: the weights of the n source cells for target cell i (rows sum to 1). */
  static double[][] weights(int n, int m) {
    double[][] w = new double[m][n];
    if (m == n) {
      for (int i = 0; i < m; i++) {
        w[i][i] = 1;
      }
    } else if (m < n) {
      double width = (double) n / m;
      for (int i = 0; i < m; i++) {
        double lo = i * width;
        double hi = lo + width;
        for (int j = (int) Math.floor(lo); j < n && j < hi; j++) {
          double overlap = Math.min(hi, j + 1) - Math.max(lo, j);
          if (overlap > 0) {
            w[i][j] = overlap / width;
          }
        }
      }
    } else {
      double scale = (double) n / m;
      for (int i = 0; i < m; i++) {
        double x = (i + 0.5) * scale - 0.5;
        if (x <= 0) {
          w[i][0] = 1;
        } else if (x >= n - 1) {
          w[i][n - 1] = 1;
        } else {
          int j = (int) Math.floor(x);
          double frac = x - j;
          w[i][j] = 1 - frac;
          w[i][j + 1] = frac;
        }
      }
    }
    return w;
  }
}
