package org.synthstack.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgramGeneratorTest {
  private final ProgramGenerator generator = new ProgramGenerator(StackSizes.parse("1-8"));

  @Test
  void aProgramIsDeterminedBySeedAndIndex() {
    assertThat(generator.generate(7, 123)).isEqualTo(generator.generate(7, 123));
    assertThat(new ProgramGenerator(StackSizes.parse("1-8")).generate(7, 123)).isEqualTo(generator.generate(7, 123));
    assertThat(generator.generate(7, 124)).isNotEqualTo(generator.generate(7, 123));
    assertThat(generator.generate(8, 123)).isNotEqualTo(generator.generate(7, 123));
  }

  @Test
  void drawsFollowTheOriginalDistributions() {
    int sine = 0;
    int square = 0;
    int noise = 0;
    int submodules = 0;
    Set<Integer> stacks = new HashSet<>();
    Set<Double> grid = new HashSet<>();
    for (int k = 0; k < SynthLimits.GRID_NOTES; k++) {
      grid.add(SynthLimits.gridHz(k));
    }
    double startSum = 0;
    for (int i = 0; i < 4000; i++) {
      Program p = generator.generate(1, i);
      stacks.add(p.stackSize());
      for (Submodule s : p.submodules()) {
        submodules++;
        sine += s.oscillator() == Oscillator.SINE ? 1 : 0;
        square += s.oscillator() == Oscillator.SQUARE ? 1 : 0;
        noise += s.noise() ? 1 : 0;
        assertThat(s.pitchCount()).isEqualTo(4);
        for (double hz : s.pitches()) {
          assertThat(grid).contains(hz);
        }
        assertThat(grid).contains(s.highPassHz());
        assertThat(s.lowPassHz()).isGreaterThanOrEqualTo(s.highPassHz());
        assertThat(new double[] {0, 1, 2, 3}).contains(s.attack(), s.decay(), s.sustain(), s.release());
        assertThat(new double[] {0.3, 0.5, 0.8, 1.0}).contains(s.amplitude());
        assertThat(s.filterOrder()).isIn(4, 8, 16);
        assertThat(s.start()).isBetween(0.0, 0.1);
        assertThat(s.length()).isBetween(0.4, 1 - s.start());
        startSum += s.start();
      }
    }
    assertThat(stacks).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat((double) sine / submodules).isCloseTo(0.8, within(0.015));
    assertThat((double) square / submodules).isCloseTo(0.1, within(0.01));
    assertThat((double) noise / submodules).isCloseTo(0.5, within(0.015));
    assertThat(startSum / submodules).isCloseTo(0.05, within(0.002));
  }

  @Test
  void stackSizesParseRangesAndLists() {
    assertThat(StackSizes.parse("1-8").values()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(StackSizes.parse("1,3,5").values()).containsExactly(1, 3, 5);
    assertThat(new ProgramGenerator(StackSizes.parse("3")).generate(0, 0).stackSize()).isEqualTo(3);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StackSizes.parse("0-3")).hasMessageContaining("1..64");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StackSizes.parse("x")).hasMessageContaining("1-8");
  }
}
