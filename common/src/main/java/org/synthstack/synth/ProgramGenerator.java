package org.synthstack.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Random programs with the original implementation's distributions (domain notes §1). A program is fully
 * determined by (run seed, program index): its generator stream is {@code SplitMix64.forStream(seed, index)}, and
 * the draws below happen in a fixed order, which is part of the contract.
 */
public final class ProgramGenerator {
  private static final double[] AMPLITUDES = {0.3, 0.5, 0.8, 1.0};
  private static final int[] FILTER_ORDERS = {4, 8, 16};
  private static final double MAX_START = 0.1;
  private static final double MIN_LENGTH = 0.4;

  private final StackSizes stackSizes;

  public ProgramGenerator(StackSizes stackSizes) {
    this.stackSizes = stackSizes;
  }

  /** Program {@code index} of the run with {@code runSeed}. */
  public Program generate(long runSeed, long index) {
    SplitMix64 rng = SplitMix64.forStream(runSeed, index);
    int stack = stackSizes.draw(rng);
    List<Submodule> submodules = new ArrayList<>(stack);
    for (int i = 0; i < stack; i++) {
      submodules.add(randomSubmodule(rng));
    }
    return new Program(submodules);
  }

  /** One submodule; resampled until valid, so an invalid filter is never emitted. */
  public static Submodule randomSubmodule(SplitMix64 rng) {
    while (true) {
      double u = rng.nextDouble();
      Oscillator oscillator = u < 0.8 ? Oscillator.SINE : u < 0.9 ? Oscillator.SQUARE : Oscillator.SAW;
      boolean noise = rng.nextDouble() < 0.5;
      double attack = rng.nextInt(4);
      double decay = rng.nextInt(4);
      double sustain = rng.nextInt(4);
      double release = rng.nextInt(4);
      double[] pitches = {
          SynthLimits.gridHz(2 * rng.nextInt(60)),
          SynthLimits.gridHz(4 * rng.nextInt(30)),
          SynthLimits.gridHz(8 * rng.nextInt(15)),
          SynthLimits.gridHz(16 * rng.nextInt(8)),
      };
      int highPassIndex = 2 * rng.nextInt(60);
      int lowPassIndex = highPassIndex + rng.nextInt(SynthLimits.GRID_NOTES - highPassIndex);
      double highPassHz = Math.min(SynthLimits.gridHz(highPassIndex), SynthLimits.MAX_CUTOFF_HZ);
      double lowPassHz = Math.min(SynthLimits.gridHz(lowPassIndex), SynthLimits.MAX_CUTOFF_HZ);
      int filterOrder = FILTER_ORDERS[rng.nextInt(FILTER_ORDERS.length)];
      double amplitude = AMPLITUDES[rng.nextInt(AMPLITUDES.length)];
      double start = rng.nextDouble(0, MAX_START);
      double length = rng.nextDouble(MIN_LENGTH, SynthLimits.DURATION_SECONDS - start);
      long noiseSeed = rng.nextLong();
      try {
        return Submodule.validated("", oscillator, noise, pitches, attack, decay, sustain, release, start, length,
            amplitude, highPassHz, lowPassHz, filterOrder, noiseSeed);
      } catch (InvalidProgramException e) {
        // Cannot happen at 48 kHz with the grid above; kept so a changed limit never emits an invalid program.
      }
    }
  }
}
