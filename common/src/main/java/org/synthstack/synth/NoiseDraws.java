package org.synthstack.synth;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fills a buffer with a noise cloud's upcoming phase steps: step {@code k} after counter {@code c} is
 * {@code Voice.noiseStep(mix64(c + (k + 1) * GOLDEN_GAMMA))}, the SplitMix64 stream of the voice's seed.
 *
 * <p>Precomputing them keeps the random generator's long multiply chain out of the sample loop, where each draw
 * sits on the critical path from one phase wrap to the next. Integer arithmetic only, so the SIMD and scalar
 * versions agree exactly.
 */
final class NoiseDraws {
  private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private NoiseDraws() {}

  /** Writes the steps for counters {@code counter + 1 * G .. counter + count * G} into {@code out[at..at+count)}. */
  static void fill(long counter, long[] out, int at, int count) {
    int k = 0;
    if (VECTOR) {
      k = Simd.fill(counter, out, at, count);
    }
    for (; k < count; k++) {
      out[at + k] = Voice.noiseStep(SplitMix64.mix64(counter + (k + 1) * SplitMix64.GOLDEN_GAMMA));
    }
  }

  private static final class Simd {
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final long[] OFFSETS = new long[L.length()];

    static {
      for (int i = 0; i < OFFSETS.length; i++) {
        OFFSETS[i] = (i + 1) * SplitMix64.GOLDEN_GAMMA;
      }
    }

    /** Fills whole vectors and returns how many steps it wrote. */
    static int fill(long counter, long[] out, int at, int count) {
      LongVector offsets = LongVector.fromArray(L, OFFSETS, 0);
      int k = 0;
      for (; k + L.length() <= count; k += L.length()) {
        LongVector z = offsets.add(counter + k * SplitMix64.GOLDEN_GAMMA);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
        z.lanewise(VectorOperators.LSHR, 33).mul(Voice.NOISE_RANGE_SCALED).lanewise(VectorOperators.LSHR, 17)
            .add(Voice.NOISE_LOW_STEP).intoArray(out, at + k);
      }
      return k;
    }
  }
}
