package org.synthstack.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The resampler against its specification, measured with pure tones: gains by least-squares fit,
 * leakage by RMS. References are computed analytically, never from the resampler itself.
 */
class ResamplerTest {

  /** Interior of an output of length m, away from the zero-padded edges. */
  private static int lo(int m) {
    return m / 5;
  }

  private static int hi(int m) {
    return m - m / 5;
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"44100,48000", "48000,44100", "96000,48000", "192000,48000", "8000,48000", "11025,48000", "48000,16000", "44101,48000"})
  void passbandIsFlatWithinATenthOfADecibelAndUndelayed(int from, int to) {
    double nyquist = Math.min(from, to) / 2.0;
    Resampler r = Resampler.of(from, to);
    double[] frequencies = {100, 1000, 0.3 * nyquist, 0.6 * nyquist, 0.8 * nyquist, 0.9 * nyquist};
    for (double f : frequencies) {
      double[] y = r.process(TestAudio.sine(f, 0.5, from, from / 4));
      double gainDb = TestAudio.db(TestAudio.fittedAmplitude(y, f, to, lo(y.length), hi(y.length)) / 0.5);
      assertThat(gainDb).as("gain at %.0f Hz", f).isBetween(-0.1, 0.1);
      // Zero delay: the output is the same sine sampled at the output times.
      double[] ideal = TestAudio.sine(f, 0.5, to, y.length);
      double worst = 0;
      for (int k = lo(y.length); k < hi(y.length); k++) {
        worst = Math.max(worst, Math.abs(y[k] - ideal[k]));
      }
      assertThat(worst).as("deviation from the ideal sine at %.0f Hz", f).isLessThan(0.5 * 0.0116); // 0.1 dB
    }
  }

  @ParameterizedTest(name = "{0} -> {1} at {2} Hz")
  @CsvSource({
    "96000,48000,24000", "96000,48000,30000", "96000,48000,47000",
    "48000,44100,22050", "48000,44100,23500",
    "192000,48000,60000", "48000,8000,4000", "48000,8000,17000", "48000,44101,22100"
  })
  void toneAboveTheOutputNyquistIsAttenuatedAtLeast80Db(int from, int to, double f) {
    double[] y = Resampler.of(from, to).process(TestAudio.sine(f, 1.0, from, from / 4));
    double peakEquivalent = TestAudio.rms(y, lo(y.length), hi(y.length)) * Math.sqrt(2);
    assertThat(TestAudio.db(peakEquivalent)).isLessThanOrEqualTo(-80);
  }

  @ParameterizedTest(name = "{0} -> {1} at {2} Hz")
  @CsvSource({"44100,48000,19000", "8000,48000,3500", "11025,48000,4000", "44101,48000,15000"})
  void upsamplingLeavesNoImages(int from, int to, double f) {
    // Whatever is left after removing the tone itself is imaging (spectral copies above the input Nyquist).
    double[] y = Resampler.of(from, to).process(TestAudio.sine(f, 1.0, from, from / 4));
    double[] ideal = TestAudio.sine(f, 1.0, to, y.length);
    double[] residual = new double[y.length];
    for (int k = 0; k < y.length; k++) {
      residual[k] = y[k] - ideal[k];
    }
    double residualDb = TestAudio.db(TestAudio.rms(residual, lo(y.length), hi(y.length)) * Math.sqrt(2));
    assertThat(residualDb).isLessThanOrEqualTo(-80);
  }

  @Test
  void oneKilohertzAt44100IsStillOneKilohertzAt48000() {
    double[] y = Resampler.resample(TestAudio.sine(1000, 0.8, 44100, 44100), 44100, 48000);
    assertThat(y).hasSize(48000);
    assertThat(TestAudio.dominantFrequency(y, 48000)).isCloseTo(1000.0, within(0.05));
  }

  @Test
  void outputLengthIsTheRoundedRatioWithHalvesUp() {
    assertThat(Resampler.outputLength(44100, 44100, 48000)).isEqualTo(48000);
    assertThat(Resampler.outputLength(1, 44100, 48000)).isEqualTo(1); // 1.088
    assertThat(Resampler.outputLength(6, 44100, 48000)).isEqualTo(7); // 6.53
    assertThat(Resampler.outputLength(5, 96000, 48000)).isEqualTo(3); // 2.5 rounds up
    assertThat(Resampler.outputLength(1, 48000, 8000)).isEqualTo(0); // 0.1667
    assertThat(Resampler.outputLength(3, 48000, 8000)).isEqualTo(1); // 0.5 rounds up
    assertThat(Resampler.outputLength(0, 44100, 48000)).isZero();
    for (int n : new int[] {0, 1, 2, 3, 999, 4410}) {
      for (int[] p : new int[][] {{44100, 48000}, {96000, 48000}, {48000, 11025}, {7919, 48000}}) {
        assertThat(Resampler.of(p[0], p[1]).process(new double[n]))
            .hasSize((int) Math.round((double) n * p[1] / p[0] + 1e-9));
      }
    }
  }

  @Test
  void dcIsPreservedExactlyAwayFromTheEdges() {
    for (int[] p : new int[][] {{44100, 48000}, {48000, 44100}, {96000, 48000}, {8000, 48000}, {44101, 48000}}) {
      double[] x = new double[p[0] / 10];
      java.util.Arrays.fill(x, 0.7);
      double[] y = Resampler.of(p[0], p[1]).process(x);
      for (int k = lo(y.length); k < hi(y.length); k++) {
        assertThat(y[k]).isCloseTo(0.7, within(1e-12));
      }
    }
  }

  @Test
  void equalRatesReturnAnUnfilteredCopy() {
    double[] x = {1, -1, 0.5, 0};
    double[] y = Resampler.resample(x, 48000, 48000);
    assertThat(y).containsExactly(x).isNotSameAs(x);
  }

  @Test
  void tablesAreBuiltOncePerPairAndOddRatesInterpolatePhases() {
    assertThat(Resampler.of(44100, 48000)).isSameAs(Resampler.of(44100, 48000));
    assertThat(Resampler.of(44100, 48000).exactPhases()).isTrue();
    assertThat(Resampler.of(44101, 48000).exactPhases()).isFalse();
  }
}
