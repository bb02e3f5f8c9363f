package org.synthstack.synth.search;

import org.synthstack.synth.SynthLimits;

/**
 * How {@link Variation} changes programs.
 *
 * @param sigma the Gaussian step of a continuous parameter as a fraction of its Table 2 range (0.1: 0.3 s on an
 *     ADSR time, 0.1 s on start and length, 12 grid notes on a pitch or cutoff)
 * @param meanChanges the mean number of parameter changes per mutation (at least one always happens; the count is
 *     1 + a geometric number with this mean minus one)
 * @param addProbability chance that a mutation also adds a random submodule (original distributions)
 * @param removeProbability chance that a mutation also removes a submodule (never the last one)
 * @param crossoverProbability chance that a child recombines two parents' submodules before it is mutated
 * @param maxStackSize no program grows beyond this many submodules
 */
public record VariationSettings(double sigma, double meanChanges, double addProbability, double removeProbability,
    double crossoverProbability, int maxStackSize) {
  /** The defaults the search command uses. */
  public static final VariationSettings DEFAULT = new VariationSettings(0.1, 2.0, 0.1, 0.1, 0.3, 8);

  public VariationSettings {
    if (!(sigma > 0 && sigma <= 1)) {
      throw new IllegalArgumentException("sigma " + sigma + " must be in (0, 1]");
    }
    if (!(meanChanges >= 1)) {
      throw new IllegalArgumentException("mean changes " + meanChanges + " must be at least 1");
    }
    if (!(addProbability >= 0 && removeProbability >= 0 && addProbability + removeProbability <= 1)) {
      throw new IllegalArgumentException("add and remove probabilities must be >= 0 and sum to at most 1");
    }
    if (!(crossoverProbability >= 0 && crossoverProbability <= 1)) {
      throw new IllegalArgumentException("crossover probability " + crossoverProbability + " must be in 0..1");
    }
    if (maxStackSize < 1 || maxStackSize > SynthLimits.MAX_STACK_SIZE) {
      throw new IllegalArgumentException("max stack size " + maxStackSize + " must be in 1.."
          + SynthLimits.MAX_STACK_SIZE);
    }
  }
}
