package org.synthstack.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceLanesTest {
  private static final int LANES = VoiceLanes.LANES;

  private static List<Submodule> eightVoices() {
    ProgramGenerator generator = new ProgramGenerator(StackSizes.parse("8"));
    List<Submodule> subs = new ArrayList<>(generator.generate(5, 1).submodules());
    // Replace one with a hand-made three-leg glide whose envelope has all four segments.
    subs.set(2, Submodule.validated("", Oscillator.SQUARE, false, new double[] {100, 2000, 50, 700}, 0.05, 0.1,
        0.6, 0.2, 0.03, 0.9, 0.8, 0, 20_000, 4, 0));
    return subs;
  }

  private static double[][] render(List<Submodule> subs, int chunk) {
    Voice[] voices = new Voice[LANES];
    int longest = 0;
    for (int lane = 0; lane < LANES; lane++) {
      voices[lane] = new Voice();
      voices[lane].start(subs.get(lane));
      longest = Math.max(longest, voices[lane].frames());
    }
    VoiceLanes lanes = new VoiceLanes(chunk);
    lanes.start(voices, LANES);
    double[] buffer = new double[chunk * LANES];
    double[][] out = new double[LANES][longest];
    for (int from = 0; from < longest; from += chunk) {
      int frames = Math.min(chunk, longest - from);
      lanes.render(frames, buffer);
      for (int lane = 0; lane < LANES; lane++) {
        for (int n = 0; n < frames; n++) {
          out[lane][from + n] = buffer[n * LANES + lane];
        }
      }
    }
    return out;
  }

  @Test
  void outputDoesNotDependOnTheChunkSize() {
    List<Submodule> subs = eightVoices();
    double[][] reference = render(subs, 512);
    for (int chunk : new int[] {1, 37, 4096}) {
      assertThat(render(subs, chunk)).as("chunks of %d", chunk).isDeepEqualTo(reference);
    }
  }

  @Test
  void lanesAreSilentAfterTheirVoiceEnds() {
    List<Submodule> subs = eightVoices();
    double[][] out = render(subs, 512);
    for (int lane = 0; lane < LANES; lane++) {
      int frames = Voice.framesOf(subs.get(lane));
      for (int n = frames; n < out[lane].length; n++) {
        assertThat(out[lane][n]).isZero();
      }
    }
  }

  @Test
  void simdNoiseDrawsMatchTheSplitMix64Stream() {
    long counter = 0x1234_5678_9ABC_DEFL;
    long[] drawn = new long[1 + 1000];
    NoiseDraws.fill(counter, drawn, 1, 1000);
    SplitMix64 rng = new SplitMix64(counter);
    for (int k = 1; k <= 1000; k++) {
      long step = Voice.noiseStep(rng.nextLong());
      assertThat(drawn[k]).as("draw %d", k).isEqualTo(step);
      assertThat(step).isBetween(Voice.NOISE_LOW_STEP,
          (long) (Voice.NOISE_MAX_HZ * Voice.PHASE_UNITS_PER_HZ));
    }
  }

  @Test
  void noiseStepsAreUniformOverTheCloudsFrequencyRange() {
    SplitMix64 rng = new SplitMix64(9);
    int[] histogram = new int[10];
    int draws = 100_000;
    for (int i = 0; i < draws; i++) {
      double hz = Voice.noiseStep(rng.nextLong()) / Voice.PHASE_UNITS_PER_HZ;
      histogram[(int) ((hz - Voice.NOISE_MIN_HZ) / (Voice.NOISE_MAX_HZ - Voice.NOISE_MIN_HZ) * 10)]++;
    }
    for (int count : histogram) {
      // Binomial sd is about 95 for p = 0.1; five sd either way.
      assertThat(count).isBetween(draws / 10 - 480, draws / 10 + 480);
    }
  }
}
