package org.synthstack.synth;

import java.util.List;

/** Hand-built programs for tests. */
final class Programs {
  private Programs() {}

  /** A single submodule with filters as open as the limits allow and a flat envelope at full level. */
  static Submodule tone(Oscillator osc, double... pitches) {
    return Submodule.validated("", osc, false, pitches, 0, 0, 1, 0, 0, 1, 1, 0, 20_000, 4, 0);
  }

  static Submodule withEnvelope(Submodule s, double a, double d, double sustain, double r, double start, double length) {
    return Submodule.validated("", s.oscillator(), s.noise(), s.pitches(), a, d, sustain, r, start, length,
        s.amplitude(), s.highPassHz(), s.lowPassHz(), s.filterOrder(), s.noiseSeed());
  }

  static Submodule noise(long seed) {
    return Submodule.validated("", Oscillator.SINE, true, new double[] {440}, 0, 0, 1, 0, 0, 1, 1, 0, 20_000, 4, seed);
  }

  static Program of(Submodule... submodules) {
    return new Program(List.of(submodules));
  }
}
