package org.synthstack.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ButterworthTest {
  private static final double FS = 48_000;

  @ParameterizedTest
  @CsvSource({"4, 1000", "8, 16.351597831287414", "16, 80", "16, 15804.26", "8, 20000", "4, 10"})
  void lowPassMatchesTheAnalyticBilinearButterworthResponse(int order, double cutoff) {
    BiquadCascade lp = Butterworth.lowPass(order, cutoff, FS);
    assertThat(lp.sections()).isEqualTo(order / 2);
    assertThat(20 * Math.log10(lp.magnitude(cutoff, FS))).isCloseTo(-3.0103, within(1e-6));
    for (double f : new double[] {1, cutoff / 4, cutoff / 2, cutoff * 1.5, Math.min(cutoff * 4, 23_000), 23_900}) {
      double expected = Butterworth.analyticLowPassMagnitude(order, cutoff, f, FS);
      assertThat(lp.magnitude(f, FS)).as("|H(%s Hz)|", f).isCloseTo(expected, within(1e-9 + 1e-6 * expected));
    }
    assertThat(lp.magnitude(0, FS)).isCloseTo(1, within(1e-12));
  }

  @ParameterizedTest
  @CsvSource({"4, 1000", "8, 16.351597831287414", "16, 80", "16, 15804.26", "4, 10"})
  void highPassMatchesTheAnalyticBilinearButterworthResponse(int order, double cutoff) {
    BiquadCascade hp = Butterworth.highPass(order, cutoff, FS);
    assertThat(20 * Math.log10(hp.magnitude(cutoff, FS))).isCloseTo(-3.0103, within(1e-6));
    for (double f : new double[] {cutoff / 8, cutoff / 2, cutoff * 2, Math.min(cutoff * 8, 23_000)}) {
      double expected = Butterworth.analyticHighPassMagnitude(order, cutoff, f, FS);
      assertThat(hp.magnitude(f, FS)).as("|H(%s Hz)|", f).isCloseTo(expected, within(1e-9 + 1e-6 * expected));
    }
    assertThat(hp.magnitude(FS / 2, FS)).isCloseTo(1, within(1e-12));
  }

  @Test
  void rollOffIsSixDecibelsPerOctavePerOrderFarFromTheCutoff() {
    // Far below fs/2 the bilinear warp is negligible, so |H| falls as (f/fc)^-order: 6.02 dB per octave per order.
    for (int order : new int[] {4, 8, 16}) {
      BiquadCascade lp = Butterworth.lowPass(order, 100, FS);
      double drop = 20 * Math.log10(lp.magnitude(800, FS) / lp.magnitude(1600, FS));
      assertThat(drop).as("order %d", order).isCloseTo(6.0206 * order, within(0.05 * order));
    }
  }

  @Test
  void sectionsMatchScipyButterSos() {
    // scipy.signal.butter(4, 1000, 'low', fs=48000, output='sos') and butter(8, C0, 'high', ...), scipy 1.17.1.
    double[][] lowDen = {{-1.7695043485128368, 0.78477333178256292}, {-1.8885559538890464, 0.90485222876856775}};
    BiquadCascade lp = Butterworth.lowPass(4, 1000, FS);
    for (int s = 0; s < 2; s++) {
      assertThat(lp.coefficient(s, 3)).isCloseTo(lowDen[s][0], within(1e-13));
      assertThat(lp.coefficient(s, 4)).isCloseTo(lowDen[s][1], within(1e-13));
    }
    // scipy puts all the gain in the first section; the product of the b0s must agree.
    assertThat(lp.coefficient(0, 0) * lp.coefficient(1, 0)).isCloseTo(1.5551721780891759e-05, within(1e-18));
    double[][] highDen = {{-1.9958056437893645, 0.9958102155842337}, {-1.9964423658557926, 0.9964469391092019},
        {-1.9976199443393314, 0.9976245202902214}, {-1.9991606196265514, 0.9991651991066686}};
    BiquadCascade hp = Butterworth.highPass(8, 16.351597831287414, FS);
    double gain = 1;
    for (int s = 0; s < 4; s++) {
      assertThat(hp.coefficient(s, 3)).isCloseTo(highDen[s][0], within(1e-13));
      assertThat(hp.coefficient(s, 4)).isCloseTo(highDen[s][1], within(1e-13));
      assertThat(hp.coefficient(s, 1)).isEqualTo(-2 * hp.coefficient(s, 0));
      gain *= hp.coefficient(s, 0);
    }
    assertThat(gain).isCloseTo(0.9945293043913674, within(1e-13));
  }

  @Test
  void everySectionIsStable() {
    for (int order : new int[] {4, 8, 16}) {
      for (double fc : new double[] {10, 16.35, 80, 1000, 15_000, 20_000}) {
        for (BiquadCascade c : new BiquadCascade[] {Butterworth.lowPass(order, fc, FS), Butterworth.highPass(order, fc, FS)}) {
          for (int s = 0; s < c.sections(); s++) {
            double a1 = c.coefficient(s, 3);
            double a2 = c.coefficient(s, 4);
            // Stability triangle of a second-order denominator 1 + a1 z^-1 + a2 z^-2.
            assertThat(Math.abs(a2)).isLessThan(1);
            assertThat(Math.abs(a1)).isLessThan(1 + a2);
          }
        }
      }
    }
  }

  @Test
  void rejectsUnusableDesigns() {
    assertThatThrownBy(() -> Butterworth.lowPass(5, 1000, FS)).hasMessageContaining("even");
    assertThatThrownBy(() -> Butterworth.lowPass(4, 24_000, FS)).hasMessageContaining("Nyquist");
    assertThatThrownBy(() -> Butterworth.highPass(4, 0, FS)).hasMessageContaining("Nyquist");
  }
}
