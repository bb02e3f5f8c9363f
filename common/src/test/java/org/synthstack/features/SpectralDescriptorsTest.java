package org.synthstack.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpectralDescriptorsTest {
  private static final int SR = 48_000;

  private static double[] sine(double hz, int length) {
    double[] x = new double[length];
    for (int n = 0; n < length; n++) {
      x[n] = 0.5 * Math.sin(2 * Math.PI * hz * n / SR);
    }
    return x;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  @Test
  void aSinesCentroidIsItsFrequencyAndItsSpreadIsNarrow() {
    SpectralDescriptors descriptors = new SpectralDescriptors(SpectralSettings.DEFAULT);
    for (double hz : new double[] {440, 1000, 5123.4, 12_000}) {
      SpectralFrames frames = descriptors.analyse(sine(hz, SR / 4));
      // Hann leakage and the negative-frequency image pull the centroid by a fraction of a bin (23.4 Hz).
      assertThat(frames.value(SpectralFeature.CENTROID, 3)).as("centroid of %s Hz", hz).isCloseTo(hz, within(12.0));
      assertThat(frames.value(SpectralFeature.SPREAD, 3)).as("spread of %s Hz", hz).isLessThan(4 * 23.4);
      assertThat(frames.value(SpectralFeature.ROLLOFF, 3)).as("rolloff of %s Hz", hz).isCloseTo(hz, within(150.0));
    }
  }

  @Test
  void whiteNoiseRollsOffAtTheSetFractionOfNyquist() {
    SplittableRandom random = new SplittableRandom(7);
    double[] noise = new double[SR];
    for (int n = 0; n < noise.length; n++) {
      noise[n] = random.nextDouble(-1, 1);
    }
    double nyquist = SR / 2.0;
    for (double fraction : new double[] {0.99, 0.85, 0.5}) {
      SpectralFrames frames =
          new SpectralDescriptors(SpectralSettings.DEFAULT.withRolloffFraction(fraction)).analyse(noise);
      double rolloff = mean(frames.column(SpectralFeature.ROLLOFF));
      assertThat(rolloff).as("rolloff at %s", fraction).isCloseTo(fraction * nyquist, within(0.01 * nyquist));
    }
    // White noise is flat: centroid near Nyquist/2, spread near the uniform distribution's N/√12, skewness near 0,
    // kurtosis near the uniform's 9/5.
    SpectralFrames frames = new SpectralDescriptors(SpectralSettings.DEFAULT).analyse(noise);
    assertThat(mean(frames.column(SpectralFeature.CENTROID))).isCloseTo(nyquist / 2, within(0.02 * nyquist));
    assertThat(mean(frames.column(SpectralFeature.SPREAD))).isCloseTo(nyquist / Math.sqrt(12), within(0.02 * nyquist));
    assertThat(mean(frames.column(SpectralFeature.SKEWNESS))).isCloseTo(0, within(0.05));
    assertThat(mean(frames.column(SpectralFeature.KURTOSIS))).isCloseTo(1.8, within(0.05));
  }

  @Test
  void aPureTonesChromaPeaksAtItsPitchClass() {
    SpectralDescriptors fine = new SpectralDescriptors(SpectralSettings.DEFAULT.withFrame(8192, 4096));
    String[] names = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    // MIDI notes 48..83 (C3..B5): every pitch class in three octaves.
    for (int midi = 48; midi < 84; midi++) {
      double hz = 440 * Math.pow(2, (midi - 69) / 12.0);
      SpectralFrames frames = fine.analyse(sine(hz, SR / 2));
      int expected = midi % 12;
      for (int c = 0; c < 12; c++) {
        double value = frames.value(SpectralFeature.chroma(c), 2);
        if (c == expected) {
          assertThat(value).as("%s%d chroma %s", names[expected], midi / 12 - 1, names[c]).isEqualTo(1.0);
        } else {
          assertThat(value).as("%s%d chroma %s", names[expected], midi / 12 - 1, names[c]).isLessThan(0.5);
        }
      }
    }
    // The default 2048-point frame still places A4 and C6 right.
    SpectralDescriptors coarse = new SpectralDescriptors(SpectralSettings.DEFAULT);
    assertThat(coarse.analyse(sine(440, SR / 4)).value(SpectralFeature.chroma(9), 2)).isEqualTo(1.0);
    assertThat(coarse.analyse(sine(1046.5, SR / 4)).value(SpectralFeature.chroma(0), 2)).isEqualTo(1.0);
  }

  /** 64-point frames: 32 bins of 750 Hz. */
  private static final SpectralSettings SMALL = new SpectralSettings(SR, 64, 32, 0.99);

  private static double[] describe(double[] spectrum, double[] previous, SpectralSettings settings) {
    double[] out = new double[SpectralDescriptors.FEATURES];
    new SpectralDescriptors(settings).describeSpectrum(spectrum, previous, out);
    return out;
  }

  @Test
  void momentsOfATwoLineSpectrumAreThoseOfABernoulliDistribution() {
    // Weight 3 at bin 1, 1 at bin 5: a Bernoulli(p = 1/4) scaled by 4 bins and shifted by 1.
    double[] a = new double[32];
    a[1] = 3;
    a[5] = 1;
    double[] d = describe(a, null, SMALL);
    double p = 0.25;
    double q = 0.75;
    assertThat(d[SpectralFeature.CENTROID.ordinal()]).isCloseTo((1 + 4 * p) * 750, within(1e-9));
    assertThat(d[SpectralFeature.SPREAD.ordinal()]).isCloseTo(4 * Math.sqrt(p * q) * 750, within(1e-9));
    assertThat(d[SpectralFeature.SKEWNESS.ordinal()]).isCloseTo((q - p) / Math.sqrt(p * q), within(1e-12));
    // Non-excess kurtosis of a Bernoulli: (1 − 3pq)/(pq) = 7/3. Meyda's 6μ₁μ₂ term would give another number.
    assertThat(d[SpectralFeature.KURTOSIS.ordinal()]).isCloseTo(7.0 / 3, within(1e-12));
  }

  @Test
  void slopeIsTheRegressionSlopeOverHertzDividedByTheSum() {
    // a_k = 10 + 0.002 · f_k exactly, so the regression slope is 0.002 per Hz.
    double[] a = new double[32];
    double sum = 0;
    for (int k = 0; k < 32; k++) {
      a[k] = 10 + 0.002 * k * 750;
      sum += a[k];
    }
    assertThat(describe(a, null, SMALL)[SpectralFeature.SLOPE.ordinal()]).isCloseTo(0.002 / sum, within(1e-15));
    double[] flat = new double[32];
    java.util.Arrays.fill(flat, 3);
    assertThat(describe(flat, null, SMALL)[SpectralFeature.SLOPE.ordinal()]).isCloseTo(0, within(1e-18));
  }

  @Test
  void decreaseFollowsPeeters() {
    double[] flat = new double[32];
    java.util.Arrays.fill(flat, 2);
    assertThat(describe(flat, null, SMALL)[SpectralFeature.DECREASE.ordinal()]).isCloseTo(0, within(1e-15));
    // a_0 = 1, a_1 = 0.5, the rest 0: ((0.5 − 1)/1 + Σ_{k=2..31} (0 − 1)/k) / 0.5.
    double[] falling = new double[32];
    falling[0] = 1;
    falling[1] = 0.5;
    double harmonic = 0;
    for (int k = 2; k <= 31; k++) {
      harmonic += 1.0 / k;
    }
    double expected = (-0.5 - harmonic) / 0.5;
    assertThat(describe(falling, null, SMALL)[SpectralFeature.DECREASE.ordinal()]).isCloseTo(expected, within(1e-12));
  }

  @Test
  void variationIsOneMinusTheCosineSimilarity() {
    double[] a = new double[32];
    double[] b = new double[32];
    a[3] = 1;
    a[4] = 1;
    b[3] = 2;
    assertThat(describe(a, null, SMALL)[SpectralFeature.VARIATION.ordinal()]).isZero();
    assertThat(describe(a, a, SMALL)[SpectralFeature.VARIATION.ordinal()]).isCloseTo(0, within(1e-15));
    assertThat(describe(b, a, SMALL)[SpectralFeature.VARIATION.ordinal()])
        .isCloseTo(1 - 1 / Math.sqrt(2), within(1e-15));
    double[] c = new double[32];
    c[10] = 1;
    assertThat(describe(c, a, SMALL)[SpectralFeature.VARIATION.ordinal()]).isCloseTo(1, within(1e-15));
  }

  @Test
  void rolloffIsTheFirstBinReachingTheFraction() {
    double[] a = new double[32];
    for (int k = 0; k < 10; k++) {
      a[k] = 1;
    }
    assertThat(describe(a, null, SMALL)[SpectralFeature.ROLLOFF.ordinal()]).isEqualTo(9 * 750.0);
    assertThat(describe(a, null, SMALL.withRolloffFraction(0.5))[SpectralFeature.ROLLOFF.ordinal()])
        .isEqualTo(4 * 750.0);
  }

  @Test
  void silenceGivesFiniteDefinedValues() {
    double[] signal = new double[SR / 2];
    for (int n = SR / 4; n < signal.length; n++) {
      signal[n] = Math.sin(2 * Math.PI * 300 * n / SR);
    }
    SpectralFrames frames = new SpectralDescriptors(SpectralSettings.DEFAULT).analyse(signal);
    for (double[] column : frames.columns()) {
      for (double v : column) {
        assertThat(v).isFinite();
      }
    }
    for (SpectralFeature f : SpectralFeature.values()) {
      assertThat(frames.value(f, 0)).as(f.jsonName()).isZero();
      assertThat(frames.value(f, 5)).as(f.jsonName()).isZero();
    }
    // A sound after silence changes everything; one line alone has no skewness or kurtosis to speak of.
    // The first frame reaching past the onset at SR/4: frames are 2048 long and start every 1024 samples.
    int firstSounding = (SR / 4 - 2048) / 1024 + 1;
    assertThat(frames.value(SpectralFeature.CENTROID, firstSounding - 1)).isZero();
    assertThat(frames.value(SpectralFeature.VARIATION, firstSounding)).isEqualTo(1.0);
    double[] line = new double[32];
    line[7] = 1;
    double[] d = describe(line, null, SMALL);
    assertThat(d[SpectralFeature.SPREAD.ordinal()]).isZero();
    assertThat(d[SpectralFeature.SKEWNESS.ordinal()]).isZero();
    assertThat(d[SpectralFeature.KURTOSIS.ordinal()]).isZero();
  }

  @Test
  void framesStartEveryHopAndAreTimedInMilliseconds() {
    SpectralSettings settings = SpectralSettings.DEFAULT;
    assertThat(settings.frameCount(0)).isZero();
    assertThat(settings.frameCount(100)).isEqualTo(1);
    assertThat(settings.frameCount(2048)).isEqualTo(1);
    assertThat(settings.frameCount(2048 + 1023)).isEqualTo(1);
    assertThat(settings.frameCount(2048 + 1024)).isEqualTo(2);
    SpectralFrames frames = new SpectralDescriptors(settings).analyse(new double[SR]);
    assertThat(frames.frames()).isEqualTo(1 + (SR - 2048) / 1024);
    assertThat(frames.timeMs()[0]).isZero();
    assertThat(frames.timeMs()[3]).isCloseTo(3 * 1024 * 1000.0 / SR, within(1e-12));
  }
}
