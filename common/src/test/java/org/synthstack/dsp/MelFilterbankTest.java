package org.synthstack.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MelFilterbankTest {
  @Test
  void slaneyScaleIsLinearBelowOneKilohertzAndLogarithmicAbove() {
    assertThat(MelFilterbank.hzToMel(1000)).isCloseTo(15, within(1e-12));
    assertThat(MelFilterbank.hzToMel(500)).isCloseTo(7.5, within(1e-12));
    // 27 mel per factor 6.4 above 1 kHz.
    assertThat(MelFilterbank.hzToMel(6400)).isCloseTo(42, within(1e-9));
    for (double hz : new double[] {0, 10, 999, 1000, 4321, 24_000}) {
      assertThat(MelFilterbank.melToHz(MelFilterbank.hzToMel(hz))).isCloseTo(hz, within(1e-9));
    }
  }

  @Test
  void eachTriangleHasUnitAreaInHertzAndPeaksAtItsCentre() {
    double sr = 48_000;
    int fft = 8192;
    MelFilterbank mel = new MelFilterbank(sr, fft, 30, 0, sr / 2);
    double binHz = sr / fft;
    double lowMel = 0;
    double step = MelFilterbank.hzToMel(sr / 2) / 31;
    for (int m = 0; m < 30; m++) {
      double area = 0;
      int peakBin = 0;
      for (int k = 0; k <= fft / 2; k++) {
        area += mel.weight(m, k) * binHz;
        if (mel.weight(m, k) > mel.weight(m, peakBin)) {
          peakBin = k;
        }
      }
      // Slaney normalisation: weights 2/(upper-lower) on a triangle of base (upper-lower).
      assertThat(area).as("band %d", m).isCloseTo(1, within(0.05));
      double centre = MelFilterbank.melToHz(lowMel + (m + 1) * step);
      assertThat(Math.abs(peakBin * binHz - centre)).isLessThanOrEqualTo(binHz);
    }
  }

  @Test
  void applySumsWeightedPower() {
    MelFilterbank mel = new MelFilterbank(16_000, 512, 8, 100, 8000);
    double[] power = new double[257];
    power[40] = 2;
    double[] out = new double[10];
    mel.apply(power, out, 1);
    for (int m = 0; m < 8; m++) {
      assertThat(out[1 + m]).isEqualTo(2 * mel.weight(m, 40));
    }
  }
}
