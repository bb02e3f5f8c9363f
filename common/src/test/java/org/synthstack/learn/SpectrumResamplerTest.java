package org.synthstack.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpectrumResamplerTest {
  @Test
  void theSameSizeCopies() {
    float[] src = ramp(30, 20);
    float[] out = new float[600];
    new SpectrumResampler(30, 20, 30, 20).apply(src, 0, out, 0);
    assertThat(out).containsExactly(src);
  }

  @Test
  void shrinkingAveragesTheCoveredCells() {
    // value = band + 100·frame; 30 → 10 bands averages bands 3i..3i+2 (mean 3i+1), 20 → 10 frames averages 2t, 2t+1.
    float[] out = new float[100];
    new SpectrumResampler(30, 20, 10, 10).apply(ramp(30, 20), 0, out, 0);
    for (int f = 0; f < 10; f++) {
      for (int t = 0; t < 10; t++) {
        assertThat(out[f * 10 + t]).isCloseTo(3 * f + 1 + 100 * (2 * t + 0.5f), within(1e-3f));
      }
    }
  }

  @Test
  void growingInterpolatesLinearlyBetweenCentres() {
    // 30 → 60 bands: target centre (i + 0.5)/2 − 0.5 in source units, clamped at the edges.
    float[] out = new float[1200];
    new SpectrumResampler(30, 20, 60, 20).apply(ramp(30, 20), 0, out, 0);
    for (int f = 0; f < 60; f++) {
      double x = Math.min(29, Math.max(0, (f + 0.5) / 2 - 0.5));
      assertThat(out[f * 20 + 3]).isCloseTo((float) (x + 300), within(1e-3f));
    }
  }

  private static float[] ramp(int bands, int frames) {
    float[] v = new float[bands * frames];
    for (int b = 0; b < bands; b++) {
      for (int t = 0; t < frames; t++) {
        v[b * frames + t] = b + 100 * t;
      }
    }
    return v;
  }
}
