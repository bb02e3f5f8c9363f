package org.synthstack.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SynthRendererTest {
  private static final int SR = SynthLimits.SAMPLE_RATE;
  private final SynthRenderer plain = new SynthRenderer(RenderSettings.DEFAULT.withoutOutputBand());
  private final SynthRenderer banded = new SynthRenderer(RenderSettings.DEFAULT);

  @Test
  void oscillatorsSoundAtTheirPitch() {
    for (Oscillator osc : Oscillator.values()) {
      for (double hz : new double[] {SynthLimits.gridHz(45), SynthLimits.gridHz(57), 1234.5}) {
        double[] x = plain.render(Programs.of(Programs.tone(osc, hz)));
        assertThat(Signals.peakFrequency(x, 8000, 32768, SR)).as("%s at %s Hz", osc, hz)
            .isCloseTo(hz, within(hz * 0.002));
      }
    }
  }

  @Test
  void statsReportThePreNormalisationPeakAndTheRmsOfTheOutput() {
    // A full-length sine at amplitude a has peak a before normalisation and RMS 1/sqrt(2) after it.
    double[][] out = new double[1][SynthLimits.FRAMES];
    RenderStats stats = plain.render(List.of(Programs.of(Programs.tone(Oscillator.SINE, 1000))), out)[0];
    double sumSquares = 0;
    double peak = 0;
    for (double v : out[0]) {
      sumSquares += v * v;
      peak = Math.max(peak, Math.abs(v));
    }
    assertThat(peak).isCloseTo(1.0, within(1e-12));
    assertThat(stats.rms()).isCloseTo(Math.sqrt(sumSquares / out[0].length), within(1e-12));
    assertThat(stats.rms()).isCloseTo(Math.sqrt(0.5), within(0.01));
    assertThat(stats.peak()).isCloseTo(1.0, within(0.05));
    assertThat(stats.silent()).isFalse();
  }

  @Test
  void glideMovesLinearlyInHertzThroughItsPitchesWithEqualLegs() {
    double[] x = plain.render(Programs.of(Programs.tone(Oscillator.SINE, 300, 1500, 700)));
    // Two legs of 0.5 s each: 300 -> 1500 Hz, then 1500 -> 700 Hz. Measure in short windows.
    int n = 2048;
    for (double t : new double[] {0.05, 0.25, 0.45, 0.55, 0.75, 0.95}) {
      int centre = (int) (t * SR);
      double expected = t < 0.5 ? 300 + (1500 - 300) * t / 0.5 : 1500 + (700 - 1500) * (t - 0.5) / 0.5;
      double measured = Signals.peakFrequency(x, centre - n / 2, n, SR);
      assertThat(measured).as("t = %s s", t).isCloseTo(expected, within(30.0));
    }
  }

  @Test
  void adsrFollowsTheShapeAndTheScalingRule() {
    // A + D + R = 2 s exceeds the 0.8 s length: all scale by 0.4 -> A 0.2, D 0.4, R 0.2, plateau 0.
    Submodule s = Programs.withEnvelope(Programs.tone(Oscillator.SINE, 3000), 0.5, 1.0, 0.5, 0.5, 0.1, 0.8);
    double[] x = plain.render(Programs.of(s));
    int w = 480;
    double peakRms = 0;
    double[] env = new double[SR / w];
    for (int i = 0; i < env.length; i++) {
      env[i] = Signals.rms(x, i * w, w) * Math.sqrt(2);
      peakRms = Math.max(peakRms, env[i]);
    }
    for (int i = 0; i < env.length; i++) {
      double t = (i + 0.5) * w / (double) SR - 0.1;
      double expected;
      if (t < 0 || t > 0.8) {
        expected = 0;
      } else if (t < 0.2) {
        expected = t / 0.2;
      } else if (t < 0.6) {
        expected = 1 - 0.5 * (t - 0.2) / 0.4;
      } else {
        expected = 0.5 * (1 - (t - 0.6) / 0.2);
      }
      assertThat(env[i] / peakRms).as("t = %.3f s", t).isCloseTo(expected, within(0.03));
    }
  }

  @Test
  void sustainPlateauFillsWhatTheOtherSegmentsLeave() {
    // A + D + R = 0.3 s within a 1 s length: a plateau of 0.7 s at min(S, 1) = 1.
    Submodule s = Programs.withEnvelope(Programs.tone(Oscillator.SINE, 2000), 0.1, 0.1, 2.5, 0.1, 0, 1);
    double[] x = plain.render(Programs.of(s));
    double plateau = Signals.rms(x, (int) (0.3 * SR), (int) (0.5 * SR));
    double edge = Signals.rms(x, (int) (0.95 * SR), (int) (0.04 * SR));
    assertThat(plateau * Math.sqrt(2)).isCloseTo(1, within(0.01));
    assertThat(edge).isLessThan(plateau * 0.6);
  }

  @Test
  void theMixIsPeakNormalisedAndReportsItsStatistics() {
    Program p = Programs.of(
        Programs.withEnvelope(Programs.tone(Oscillator.SAW, 110), 0.1, 0.3, 0.5, 0.2, 0.0, 0.9),
        Programs.withEnvelope(Programs.tone(Oscillator.SQUARE, 440), 0.0, 0.2, 0.0, 0.1, 0.2, 0.5));
    double[][] out = {new double[SynthLimits.FRAMES]};
    RenderStats stats = banded.render(List.of(p), out)[0];
    assertThat(Signals.peak(out[0])).isEqualTo(1.0);
    assertThat(stats.silent()).isFalse();
    assertThat(stats.peak()).isGreaterThan(0.1);
    assertThat(stats.rms()).isCloseTo(Signals.rms(out[0], 0, SynthLimits.FRAMES), within(1e-12));
  }

  @Test
  void aSilentProgramStaysSilentWithoutNaN() {
    Submodule mute = Programs.withEnvelope(Programs.tone(Oscillator.SINE, 440), 0, 0, 0, 0, 0, 1);
    double[][] out = {new double[SynthLimits.FRAMES]};
    RenderStats stats = banded.render(List.of(Programs.of(mute, mute)), out)[0];
    assertThat(stats.silent()).isTrue();
    assertThat(stats.rms()).isZero();
    for (double v : out[0]) {
      assertThat(v).isZero();
    }
  }

  @Test
  void submodulesSoundOnlyBetweenStartAndStartPlusLength() {
    Submodule s = Programs.withEnvelope(Programs.tone(Oscillator.SINE, 1000), 0, 0, 1, 0, 0.5, 0.25);
    double[] x = plain.render(Programs.of(s));
    assertThat(Signals.rms(x, 0, SR / 2)).isZero();
    assertThat(Signals.rms(x, SR / 2 + 100, SR / 4 - 200) * Math.sqrt(2)).isCloseTo(1, within(0.01));
    assertThat(Signals.rms(x, 3 * SR / 4 + 1, SR / 4 - 1)).isZero();
  }

  @Test
  void theOutputBandAttenuatesBelowEightyHertzAsAnOrderEightButterworth() {
    Submodule low = Programs.tone(Oscillator.SINE, 40);
    Submodule mid = Programs.tone(Oscillator.SINE, 1000);
    double[][] both = {new double[SynthLimits.FRAMES]};
    double[][] midOnly = {new double[SynthLimits.FRAMES]};
    double bothPeak = banded.render(List.of(Programs.of(low, mid)), both)[0].peak();
    double midPeak = banded.render(List.of(Programs.of(mid)), midOnly)[0].peak();
    // Undo the normalisation, subtract the 1 kHz part: what is left is the 40 Hz tone after the band.
    double[] lowAfterBand = new double[SR];
    for (int n = 0; n < SR; n++) {
      lowAfterBand[n] = both[0][n] * bothPeak - midOnly[0][n] * midPeak;
    }
    double amplitude = Signals.rms(lowAfterBand, SR / 4, 3 * SR / 4) * Math.sqrt(2);
    double expected = org.synthstack.dsp.Butterworth.analyticHighPassMagnitude(8, 80, 40, SR);
    assertThat(20 * Math.log10(amplitude)).isCloseTo(20 * Math.log10(expected), within(0.5));
  }

  @Test
  void noiseCloudsAreBroadbandAndReproducibleFromTheirSeed() {
    double[] a = plain.render(Programs.of(Programs.noise(42)));
    double[] again = plain.render(Programs.of(Programs.noise(42)));
    double[] other = plain.render(Programs.of(Programs.noise(43)));
    assertThat(again).isEqualTo(a);
    assertThat(other).isNotEqualTo(a);
    // Energy in every octave band from 500 Hz to 16 kHz: a cloud, not a tone.
    org.jtransforms.fft.DoubleFFT_1D fft = new org.jtransforms.fft.DoubleFFT_1D(32768);
    double[] frame = java.util.Arrays.copyOf(a, 32768);
    fft.realForward(frame);
    double total = 0;
    double[] band = new double[6];
    for (int k = 1; k < 16384; k++) {
      double p = frame[2 * k] * frame[2 * k] + frame[2 * k + 1] * frame[2 * k + 1];
      total += p;
      double hz = k * SR / 32768.0;
      int b = (int) Math.floor(Math.log(hz / 500) / Math.log(2));
      if (b >= 0 && b < 6) {
        band[b] += p;
      }
    }
    for (double e : band) {
      assertThat(e / total).isGreaterThan(0.005);
    }
  }

  @Test
  void renderingIsBitIdenticalWhateverTheBatch() {
    ProgramGenerator generator = new ProgramGenerator(StackSizes.parse("1-8"));
    List<Program> batch = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      batch.add(generator.generate(99, i));
    }
    double[][] out = new double[batch.size()][SynthLimits.FRAMES];
    banded.render(batch, out);
    SynthRenderer fresh = new SynthRenderer(RenderSettings.DEFAULT);
    for (int i : new int[] {0, 7, 13, 20}) {
      assertThat(fresh.render(batch.get(i))).as("program %d alone", i).isEqualTo(out[i]);
      Program fromJson = ProgramJson.parse(ProgramJson.toJson(batch.get(i)));
      assertThat(fresh.render(fromJson)).as("program %d from its JSON", i).isEqualTo(out[i]);
    }
    double[][] reversed = new double[batch.size()][SynthLimits.FRAMES];
    List<Program> backwards = new ArrayList<>(batch);
    java.util.Collections.reverse(backwards);
    fresh.render(backwards, reversed);
    for (int i = 0; i < batch.size(); i++) {
      assertThat(reversed[batch.size() - 1 - i]).isEqualTo(out[i]);
    }
  }

  @Test
  void filtersShapeTheVoice() {
    // A saw at 220 Hz through a band-pass 2-4 kHz of order 16: the strongest partial lies inside the band.
    Submodule s = Submodule.validated("", Oscillator.SAW, false, new double[] {220}, 0, 0, 1, 0, 0, 1, 1,
        2000, 4000, 16, 0);
    double[] x = plain.render(Programs.of(s));
    double f = Signals.peakFrequency(x, 10_000, 16384, SR);
    assertThat(f).isBetween(2000.0, 4000.0);
    assertThat(Math.abs(f / 220 - Math.round(f / 220))).isLessThan(0.01);
  }
}
