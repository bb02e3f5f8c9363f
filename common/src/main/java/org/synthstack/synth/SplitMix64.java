package org.synthstack.synth;

/**
 * Steele, Lea and Flood's SplitMix64 generator: tiny, fast, and fully specified, so a stored seed reproduces the
 * same stream in any language and on any JVM. Every random choice in the synthesizer flows from one of these.
 */
public final class SplitMix64 {
  /** The generator's increment (the odd integer closest to 2^64 / golden ratio). */
  public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final long ONE_BITS = 0x3FF0000000000000L;

  private long state;

  public SplitMix64(long seed) {
    this.state = seed;
  }

  /** A generator for sub-stream {@code stream} of {@code seed}: distinct streams are statistically independent. */
  public static SplitMix64 forStream(long seed, long stream) {
    return new SplitMix64(mix64(seed) ^ mix64(stream * GOLDEN_GAMMA + GOLDEN_GAMMA));
  }

  /** The SplitMix64 output function (a strong 64-bit mixer). */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix64(state);
  }

  /** Uniform in [0, 1) with 52 random bits. */
  public double nextDouble() {
    return unitDouble(nextLong());
  }

  /**
   * Maps 64 random bits to [0, 1) using the top 52 as the mantissa of a double in [1, 2). Built from bits rather
   * than by integer-to-double conversion, which is slow in tight loops on x86 (see DryVoice).
   */
  public static double unitDouble(long bits) {
    return Double.longBitsToDouble(ONE_BITS | (bits >>> 12)) - 1.0;
  }

  /** The internal counter; the next output is {@code mix64(state() + GOLDEN_GAMMA)}. */
  public long state() {
    return state;
  }

  /** Uniform in [lo, hi). */
  public double nextDouble(double lo, double hi) {
    return lo + (hi - lo) * nextDouble();
  }

  /** Uniform integer in [0, bound), bound > 0. */
  public int nextInt(int bound) {
    return (int) (nextDouble() * bound);
  }
}
