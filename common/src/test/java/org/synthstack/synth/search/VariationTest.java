package org.synthstack.synth.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthstack.synth.Oscillator;
import org.synthstack.synth.Program;
import org.synthstack.synth.ProgramGenerator;
import org.synthstack.synth.ProgramJson;
import org.synthstack.synth.SplitMix64;
import org.synthstack.synth.StackSizes;
import org.synthstack.synth.Submodule;
import org.synthstack.synth.SynthLimits;

class VariationTest {
  private static final ProgramGenerator GENERATOR = new ProgramGenerator(StackSizes.parse("1-8"));

  /** Checks a program against Table 2 independently of the operators: through the JSON reader's validation too. */
  private static void assertValid(Program p, int maxStack) {
    assertThat(p.stackSize()).isBetween(1, maxStack);
    assertThat(ProgramJson.parse(ProgramJson.toJson(p))).isEqualTo(p);
    for (Submodule s : p.submodules()) {
      assertThat(s.pitchCount()).isBetween(1, 4);
      for (double hz : s.pitches()) {
        double k = 12 * Math.log(hz / SynthLimits.C0_HZ) / Math.log(2);
        assertThat(k).as("pitch %s on the C0..B9 grid", hz).isCloseTo(Math.rint(k), within(1e-9));
        assertThat(Math.rint(k)).isBetween(0.0, 119.0);
      }
      assertThat(s.attack()).isBetween(0.0, 3.0);
      assertThat(s.decay()).isBetween(0.0, 3.0);
      assertThat(s.sustain()).isBetween(0.0, 3.0);
      assertThat(s.release()).isBetween(0.0, 3.0);
      assertThat(s.start()).isBetween(0.0, 1.0);
      assertThat(s.length()).isBetween(0.0, 1.0);
      assertThat(s.start() + s.length()).isLessThanOrEqualTo(1 + 1e-9);
      assertThat(s.amplitude()).isBetween(0.1, 1.0);
      assertThat(s.highPassHz() == 0 || s.highPassHz() >= 10).isTrue();
      assertThat(s.lowPassHz()).isGreaterThanOrEqualTo(s.highPassHz()).isBetween(10.0, 20_000.0);
      assertThat(s.filterOrder()).isIn(4, 8, 16);
    }
  }

  @Test
  void thousandsOfMutationsAndCrossoversStayValid() {
    for (VariationSettings settings : List.of(VariationSettings.DEFAULT,
        new VariationSettings(1.0, 6, 0.4, 0.4, 1.0, 3), new VariationSettings(0.02, 1, 0.5, 0.0, 0.5, 8))) {
      Variation variation = new Variation(settings);
      for (int lineage = 0; lineage < 100; lineage++) {
        Program p = GENERATOR.generate(11, lineage);
        Program other = GENERATOR.generate(12, lineage);
        // Chains of 30 variations walk programs to the clamps and back.
        for (int step = 0; step < 30; step++) {
          SplitMix64 rng = SplitMix64.forStream(lineage, step);
          p = rng.nextDouble() < 0.3 ? variation.crossover(p, other, rng) : variation.mutate(p, rng);
          assertValid(p, settings.maxStackSize());
          other = variation.mutate(other, rng);
        }
      }
    }
  }

  @Test
  void everyParameterSlotKeepsSubmodulesValid() {
    Variation variation = new Variation(new VariationSettings(1.0, 1, 0, 0, 0, 8));
    SplitMix64 rng = new SplitMix64(3);
    for (int i = 0; i < 2000; i++) {
      Submodule s = ProgramGenerator.randomSubmodule(rng);
      for (int slot = 0; slot < Variation.SLOTS; slot++) {
        s = variation.mutateParameter(s, slot, rng);
      }
      assertValid(new Program(List.of(s)), 1);
    }
  }

  @Test
  void theSameStreamGivesTheSameChild() {
    Variation variation = new Variation(VariationSettings.DEFAULT);
    Program a = GENERATOR.generate(1, 1);
    Program b = GENERATOR.generate(1, 2);
    for (int i = 0; i < 200; i++) {
      assertThat(variation.mutate(a, SplitMix64.forStream(5, i))).isEqualTo(variation.mutate(a, SplitMix64.forStream(5, i)));
      assertThat(variation.crossover(a, b, SplitMix64.forStream(6, i)))
          .isEqualTo(variation.crossover(a, b, SplitMix64.forStream(6, i)));
    }
  }

  @Test
  void mutationsNearlyAlwaysChangeTheProgram() {
    Variation variation = new Variation(VariationSettings.DEFAULT);
    int changed = 0;
    for (int i = 0; i < 2000; i++) {
      Program p = GENERATOR.generate(4, i);
      changed += variation.mutate(p, SplitMix64.forStream(9, i)).equals(p) ? 0 : 1;
    }
    // Only a step clamped back onto its bound (an attack of 0 stepping down, say) leaves a program as it was.
    assertThat(changed).isGreaterThan(1900);
  }

  @Test
  void gaussianDrawsAreStandardNormal() {
    SplitMix64 rng = new SplitMix64(42);
    int n = 200_000;
    double sum = 0;
    double squares = 0;
    int inside = 0;
    for (int i = 0; i < n; i++) {
      double z = Variation.gaussian(rng);
      sum += z;
      squares += z * z;
      inside += Math.abs(z) < 1.959964 ? 1 : 0;
    }
    assertThat(sum / n).isCloseTo(0, within(0.01));
    assertThat(squares / n).isCloseTo(1, within(0.01));
    assertThat((double) inside / n).isCloseTo(0.95, within(0.003));
  }

  @Test
  void continuousStepsAreSigmaTimesTheRangeAndClamped() {
    SplitMix64 rng = new SplitMix64(8);
    int n = 100_000;
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double d = Variation.step(1.5, 0, 3, 0.05, rng) - 1.5;
      sum += d;
      squares += d * d;
    }
    // sigma 0.05 of a 3 s range: a standard deviation of 0.15 s (10 sd from the bounds: clamping never bites).
    assertThat(sum / n).isCloseTo(0, within(0.003));
    assertThat(Math.sqrt(squares / n)).isCloseTo(0.15, within(0.002));
    int atZero = 0;
    for (int i = 0; i < n; i++) {
      double v = Variation.step(0, 0, 3, 0.1, rng);
      assertThat(v).isBetween(0.0, 3.0);
      atZero += v == 0 ? 1 : 0;
    }
    // From the lower bound, half the steps go below it and are clamped there.
    assertThat((double) atZero / n).isCloseTo(0.5, within(0.01));
  }

  @Test
  void gridStepsAreNeverZeroAndStayOnTheGrid() {
    SplitMix64 rng = new SplitMix64(2);
    int[] counts = new int[2];
    for (int i = 0; i < 10_000; i++) {
      int k = Variation.gridStep(60, 0, 119, 0.01, rng);
      assertThat(k).isNotEqualTo(60).isBetween(0, 119);
      // sigma 0.01 of 120 notes: |N(0, 1.2)| rounds to 1 with P(0.5 < |z| * 1.2 < 1.5) = 0.465, and a draw that
      // rounds to 0 (P = 0.322) is pushed to +-1 too: 0.787 of steps are a single note.
      counts[Math.abs(k - 60) == 1 ? 0 : 1]++;
    }
    assertThat(counts[0] / 10_000.0).isCloseTo(0.787, within(0.015));
    assertThat(Variation.gridIndex(SynthLimits.gridHz(57))).isEqualTo(57);
    assertThat(Variation.gridIndex(20_000)).isEqualTo(119);
    assertThat(Variation.gridIndex(1)).isZero();
  }

  @Test
  void geometricCountsHaveTheConfiguredMean() {
    SplitMix64 rng = new SplitMix64(1);
    double sum = 0;
    for (int i = 0; i < 100_000; i++) {
      sum += Variation.geometric(rng, 1.0);
    }
    assertThat(sum / 100_000).isCloseTo(1.0, within(0.02));
    assertThat(Variation.geometric(rng, 0)).isZero();
  }

  @Test
  void crossoverTakesEachPositionFromOneParent() {
    Variation variation = new Variation(VariationSettings.DEFAULT);
    Program a = new ProgramGenerator(StackSizes.parse("2")).generate(1, 1);
    Program b = new ProgramGenerator(StackSizes.parse("6")).generate(1, 2);
    double sizes = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      Program child = variation.crossover(a, b, SplitMix64.forStream(3, i));
      sizes += child.stackSize();
      for (Submodule s : child.submodules()) {
        assertThat(a.submodules().contains(s) || b.submodules().contains(s)).isTrue();
      }
      // Positions keep their order: the child's j-th submodule sits at position >= j in its parent.
      for (int j = 0; j < child.stackSize(); j++) {
        Submodule s = child.submodules().get(j);
        int at = Math.max(a.submodules().indexOf(s), b.submodules().indexOf(s));
        assertThat(at).isGreaterThanOrEqualTo(j);
      }
    }
    // Positions 0-1 always give a submodule; positions 2-5 only when b is picked (1/2): 2 + 4/2 = 4 on average.
    assertThat(sizes / n).isCloseTo(4.0, within(0.03));
  }

  @Test
  void addAndRemoveChangeTheStackWithinItsLimits() {
    Program three = new ProgramGenerator(StackSizes.parse("3")).generate(2, 2);
    Variation add = new Variation(new VariationSettings(0.1, 1, 1.0, 0, 0, 4));
    Variation remove = new Variation(new VariationSettings(0.1, 1, 0, 1.0, 0, 4));
    assertThat(add.mutate(three, new SplitMix64(1)).stackSize()).isEqualTo(4);
    assertThat(add.mutate(add.mutate(three, new SplitMix64(1)), new SplitMix64(2)).stackSize()).isEqualTo(4);
    assertThat(remove.mutate(three, new SplitMix64(1)).stackSize()).isEqualTo(2);
    Program one = new ProgramGenerator(StackSizes.parse("1")).generate(2, 2);
    assertThat(remove.mutate(one, new SplitMix64(1)).stackSize()).isEqualTo(1);
  }

  @Test
  void noiseSeedsAreCarriedOrRedrawnFromTheStream() {
    Variation variation = new Variation(VariationSettings.DEFAULT);
    Submodule tone = Submodule.validated("", Oscillator.SINE, false, new double[] {440}, 0, 0.2, 0, 0, 0, 0.5, 1,
        0, 20_000, 4, 1234);
    Submodule cloud = variation.mutateParameter(tone, 1, new SplitMix64(1));
    assertThat(cloud.noise()).isTrue();
    assertThat(cloud.noiseSeed()).isEqualTo(1234);
    Submodule redrawn = variation.mutateParameter(cloud, 2, new SplitMix64(1));
    assertThat(redrawn.noiseSeed()).isNotEqualTo(1234).isEqualTo(variation.mutateParameter(cloud, 2,
        new SplitMix64(1)).noiseSeed());
    assertThat(redrawn.pitches()).containsExactly(440);
  }

  @Test
  void filtersStayOrderedAndTheHighPassCanBeBypassed() {
    Variation variation = new Variation(new VariationSettings(0.3, 1, 0, 0, 0, 8));
    SplitMix64 rng = new SplitMix64(77);
    Submodule s = ProgramGenerator.randomSubmodule(rng);
    boolean bypassed = false;
    boolean lowPassRaised = false;
    for (int i = 0; i < 5000; i++) {
      double lowPassBefore = s.lowPassHz();
      int slot = i % 2 == 0 ? 10 : 11;
      s = variation.mutateParameter(s, slot, rng);
      assertThat(s.lowPassHz()).isGreaterThanOrEqualTo(s.highPassHz());
      bypassed |= s.highPassHz() == 0;
      lowPassRaised |= slot == 10 && s.lowPassHz() > lowPassBefore;
    }
    assertThat(bypassed).isTrue();
    assertThat(lowPassRaised).isTrue();
  }
}
