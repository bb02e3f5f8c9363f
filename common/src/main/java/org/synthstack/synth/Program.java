package org.synthstack.synth;

import java.util.List;

/**
 * A synthesizer program: a stack of submodules whose outputs are summed and peak-normalised. Everything needed to
 * re-render it bit-identically is in here (the noise clouds carry their seeds).
 */
public record Program(List<Submodule> submodules) {
  public Program {
    submodules = List.copyOf(submodules);
    if (submodules.isEmpty()) {
      throw new InvalidProgramException("submodules", "a program needs at least one submodule");
    }
    if (submodules.size() > SynthLimits.MAX_STACK_SIZE) {
      throw new InvalidProgramException("submodules",
          submodules.size() + " submodules; at most " + SynthLimits.MAX_STACK_SIZE + " are allowed");
    }
  }

  public int stackSize() {
    return submodules.size();
  }
}
