package org.synthstack.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.synthstack.dsp.Decibels;
import org.synthstack.dsp.MelFilterbank;
import org.synthstack.dsp.PowerSpectrogram;
import org.synthstack.synth.ProgramGenerator;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;
import org.synthstack.synth.SynthRenderer;

class EarFeatureExtractorTest {
  private static final int SR = 48_000;
  private final EarFeatureExtractor extractor = new EarFeatureExtractor();

  private static double[] decayingTone(double hz, double onsetSeconds, double decayPerSecond) {
    double[] x = new double[SR];
    int onset = (int) (onsetSeconds * SR);
    for (int n = onset; n < SR; n++) {
      double t = (n - onset) / (double) SR;
      x[n] = Math.exp(-decayPerSecond * t) * Math.sin(2 * Math.PI * hz * t);
    }
    return x;
  }

  private static void assertUnitRange(float[] v) {
    for (float f : v) {
      assertThat(f).isBetween(0f, 1f);
    }
  }

  @Test
  void shapesAndRangesFollowTheSpec() {
    EarFeatures f = extractor.extract(decayingTone(200, 0.05, 6));
    assertThat(f.envelope()).hasSize(10);
    assertThat(f.frequency()).hasSize(50);
    assertThat(f.spectrum()).hasDimensions(30, 20);
    assertUnitRange(f.envelope());
    assertUnitRange(f.frequency());
    assertUnitRange(f.spectrumFlat());
    // Min-max normalisation reaches both ends.
    for (float[] v : new float[][] {f.envelope(), f.frequency(), f.spectrumFlat()}) {
      float min = 1;
      float max = 0;
      for (float x : v) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      assertThat(min).isZero();
      assertThat(max).isEqualTo(1f);
    }
  }

  @Test
  void silenceGivesZerosNotNaN() {
    EarFeatures f = extractor.extract(new double[SR]);
    for (float v : f.envelope()) {
      assertThat(v).isZero();
    }
    for (float v : f.frequency()) {
      assertThat(v).isZero();
    }
    for (float v : f.spectrumFlat()) {
      assertThat(v).isZero();
    }
  }

  @Test
  void theEnvelopeFollowsLoudnessOverTime() {
    // 35 dB of decay over the second stays above the 60 dB floor, so every interior frame is quieter than the
    // last. The first and last frames are not compared: reflection padding folds the signal at the clip's edges,
    // and the fold spreads energy over more bands than the tone occupies.
    float[] decaying = extractor.extract(decayingTone(300, 0, 4)).envelope();
    for (int t = 2; t < 9; t++) {
      assertThat(decaying[t]).as("frame %d", t).isLessThan(decaying[t - 1]);
    }
    float[] late = extractor.extract(decayingTone(300, 0.6, 0)).envelope();
    // Frame t is centred on t * 5333 samples: frames before 0.6 s sit at the floor, frames after it above.
    for (int t = 0; t < 5; t++) {
      assertThat(late[t]).as("frame %d", t).isZero();
    }
    for (int t = 6; t < 10; t++) {
      assertThat(late[t]).as("frame %d", t).isGreaterThan(0.3f);
    }
  }

  @Test
  void theFrequencyFeaturePeaksInTheBandOfTheTone() {
    for (double hz : new double[] {100, 1000, 8000}) {
      float[] f = extractor.extract(decayingTone(hz, 0, 1)).frequency();
      int best = 0;
      for (int b = 1; b < 50; b++) {
        best = f[b] > f[best] ? b : best;
      }
      MelFilterbank mel = new MelFilterbank(SR, 4096, 50, 30, SR / 2.0);
      int bin = (int) Math.round(hz * 4096 / SR);
      int expectedBand = 0;
      for (int b = 1; b < 50; b++) {
        expectedBand = mel.weight(b, bin) > mel.weight(expectedBand, bin) ? b : expectedBand;
      }
      assertThat(best).as("%s Hz", hz).isEqualTo(expectedBand);
    }
  }

  @Test
  void theSpectrumSeesTheOnsetInTime() {
    float[][] s = extractor.extract(decayingTone(2000, 0.5, 0)).spectrum();
    double before = 0;
    double after = 0;
    for (int b = 0; b < 30; b++) {
      for (int t = 0; t < 8; t++) {
        before += s[b][t];
      }
      for (int t = 12; t < 20; t++) {
        after += s[b][t];
      }
    }
    assertThat(before).isZero();
    assertThat(after).isGreaterThan(1);
  }

  @Test
  void clipsAreCutOrZeroPaddedToOneSecond() {
    double[] longer = new double[2 * SR];
    System.arraycopy(decayingTone(440, 0, 3), 0, longer, 0, SR);
    java.util.Arrays.fill(longer, SR, 2 * SR, 0.5);
    EarFeatures cut = extractor.extract(longer);
    EarFeatures exact = extractor.extract(decayingTone(440, 0, 3));
    assertThat(cut.envelope()).isEqualTo(exact.envelope());
    double[] shorter = java.util.Arrays.copyOf(decayingTone(440, 0, 3), SR / 2);
    double[] padded = java.util.Arrays.copyOf(shorter, SR);
    assertThat(extractor.extract(shorter).spectrum()).isDeepEqualTo(extractor.extract(padded).spectrum());
  }

  /** The original's recipe for the frequency feature: 101 frames of 24 000 points summed. */
  private static float[] originalFrequency(double[] clip) {
    PowerSpectrogram stft = new PowerSpectrogram(24_000, 24_000, 240);
    MelFilterbank mel = new MelFilterbank(SR, 24_000, 50, 30, SR / 2.0);
    double[] sum = new double[stft.bins()];
    double[] power = new double[stft.bins()];
    for (int t = 0; t < stft.frames(24_000); t++) {
      stft.frame(clip, 24_000, t, power);
      for (int k = 0; k < sum.length; k++) {
        sum[k] += power[k];
      }
    }
    double[] bands = new double[50];
    mel.apply(sum, bands, 0);
    Decibels.powerToDb(bands, 50, 30);
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double b : bands) {
      min = Math.min(min, b);
      max = Math.max(max, b);
    }
    float[] out = new float[50];
    for (int i = 0; i < 50; i++) {
      out[i] = (float) ((bands[i] - min) / (max - min));
    }
    return out;
  }

  @Test
  void theWelchFrequencyFeatureStaysCloseToTheOriginalRecipe() {
    ProgramGenerator generator = new ProgramGenerator(StackSizes.parse("1-8"));
    SynthRenderer renderer = new SynthRenderer(RenderSettings.DEFAULT);
    double worst = 0;
    double mean = 0;
    int clips = 40;
    for (int i = 0; i < clips; i++) {
      double[] clip = renderer.render(generator.generate(11, i));
      float[] welch = extractor.extract(clip).frequency();
      float[] original = originalFrequency(clip);
      for (int b = 0; b < 50; b++) {
        double d = Math.abs(welch[b] - original[b]);
        worst = Math.max(worst, d);
        mean += d / (50.0 * clips);
      }
    }
    assertThat(mean).isLessThan(0.003);
    assertThat(worst).isLessThan(0.08);
  }

  @Test
  void theSameClipAlwaysGivesTheSameFeatures() {
    double[] clip = decayingTone(523.25, 0.01, 4);
    EarFeatures a = extractor.extract(clip);
    EarFeatures b = new EarFeatureExtractor().extract(clip);
    assertThat(a.envelope()).isEqualTo(b.envelope());
    assertThat(a.frequency()).isEqualTo(b.frequency());
    assertThat(a.spectrum()).isDeepEqualTo(b.spectrum());
    assertThat(a.frequency()[0]).isCloseTo(a.frequency()[0], within(0f));
  }
}
