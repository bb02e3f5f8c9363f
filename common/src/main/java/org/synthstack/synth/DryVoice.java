package org.synthstack.synth;

/**
 * Generates a submodule's unfiltered signal: oscillator (with pitch glide) or noise cloud, times its ADSR envelope
 * and amplitude. Hot loop: primitive arrays only, no allocation per sample.
 *
 * <p>The loops never convert an integer to a double per sample: on x86, C2 emits {@code cvtsi2sd} without breaking
 * its false dependency on the destination register, which chains iterations together and made these loops over
 * ten times slower. Sample indices come from {@link #INDEX} instead, and phases are fixed point.
 */
final class DryVoice {
  private static final int TABLE_SIZE = Oscillator.TABLE_SIZE;
  /**
   * Phases are 32.32 fixed point in table samples: the accumulator is a one-cycle integer add that wraps by
   * masking, where a floating-point phase with floor-and-subtract wrapping chains some 20 cycles per sample.
   */
  private static final int FRACTION_BITS = 32;
  private static final long FRACTION_MASK = (1L << FRACTION_BITS) - 1;
  private static final int CYCLE_SHIFT = FRACTION_BITS + Integer.numberOfTrailingZeros(TABLE_SIZE);
  private static final double PHASE_UNITS_PER_HZ = (double) TABLE_SIZE / SynthLimits.SAMPLE_RATE * (1L << FRACTION_BITS);
  private static final long ONE_BITS = 0x3FF0000000000000L;
  /** The noise cloud's frequency range, Hz; draws above Nyquist alias, by design. */
  static final double NOISE_MIN_HZ = 30;
  static final double NOISE_MAX_HZ = 150_000;
  /** {@code INDEX[n] == n}, as doubles. */
  private static final double[] INDEX = new double[SynthLimits.FRAMES + 1];

  static {
    for (int n = 0; n < INDEX.length; n++) {
      INDEX[n] = n;
    }
  }

  private DryVoice() {}

  /** Samples a submodule occupies in the buffer: its rounded length, cut at the buffer's end. */
  static int frames(Submodule s) {
    int start = startFrame(s);
    return Math.min((int) Math.round(s.length() * SynthLimits.SAMPLE_RATE), SynthLimits.FRAMES - start);
  }

  static int startFrame(Submodule s) {
    return Math.min((int) Math.round(s.start() * SynthLimits.SAMPLE_RATE), SynthLimits.FRAMES);
  }

  /** Writes the raw waveform (no envelope) into {@code out[0..frames)}. */
  static void waveform(Submodule s, int frames, double[] out) {
    if (s.noise()) {
      noiseCloud(s, frames, out);
    } else {
      glide(s, frames, out);
    }
  }

  /**
   * Multiplies {@code wave[0..frames)} by the envelope and amplitude and writes the result to
   * {@code dst[offset + n * stride]}.
   *
   * <p>The envelope (domain notes §1): A, D and R are seconds, scaled by L/(A+D+R) when they exceed the length L;
   * attack rises 0 to 1, decay falls to the sustain level min(S, 1), the plateau fills what is left, release
   * falls to 0. With A = D = R = 0 the envelope is the constant sustain level.
   */
  static void envelope(Submodule s, int frames, double[] wave, double[] dst, int offset, int stride) {
    double total = s.attack() + s.decay() + s.release();
    double scale = total > s.length() ? s.length() / total : 1;
    double a = s.attack() * scale;
    double d = s.decay() * scale;
    double r = s.release() * scale;
    double plateau = Math.max(0, s.length() - (a + d + r));
    double level = Math.min(s.sustain(), 1);
    double amp = s.amplitude();
    double sr = SynthLimits.SAMPLE_RATE;
    int attackEnd = Math.min(frames, (int) Math.ceil(a * sr));
    int decayEnd = Math.min(frames, (int) Math.ceil((a + d) * sr));
    int plateauEnd = Math.min(frames, (int) Math.ceil((a + d + plateau) * sr));
    int n = 0;
    double attackStep = attackEnd > 0 ? amp / (a * sr) : 0;
    for (; n < attackEnd; n++) {
      dst[offset + n * stride] = wave[n] * (INDEX[n] * attackStep);
    }
    double decayDrop = d > 0 ? (1 - level) / (d * sr) : 0;
    double decayStart = a * sr;
    for (; n < decayEnd; n++) {
      dst[offset + n * stride] = wave[n] * amp * (1 - decayDrop * (INDEX[n] - decayStart));
    }
    double sustainGain = amp * level;
    for (; n < plateauEnd; n++) {
      dst[offset + n * stride] = wave[n] * sustainGain;
    }
    double releaseStart = (a + d + plateau) * sr;
    double releaseStep = r > 0 ? 1 / (r * sr) : 0;
    for (; n < frames; n++) {
      double e = level * Math.max(0, 1 - releaseStep * (INDEX[n] - releaseStart));
      dst[offset + n * stride] = wave[n] * amp * e;
    }
  }

  /** A wavetable read at a frequency that moves piecewise-linearly in Hz through the pitches, legs of equal length. */
  private static void glide(Submodule s, int frames, double[] out) {
    double[] table = s.oscillator().table();
    int legs = s.pitchCount() - 1;
    long phase = 0;
    if (legs == 0) {
      long step = phaseStep(s.pitch(0));
      for (int n = 0; n < frames; n++) {
        out[n] = read(table, phase);
        phase += step;
      }
      return;
    }
    double legFrames = (double) frames / legs;
    int n = 0;
    for (int k = 0; k < legs; k++) {
      int end = k == legs - 1 ? frames : Math.min(frames, (int) Math.ceil((k + 1) * legFrames));
      double from = s.pitch(k) * PHASE_UNITS_PER_HZ;
      double slope = (s.pitch(k + 1) - s.pitch(k)) * PHASE_UNITS_PER_HZ / legFrames;
      double origin = k * legFrames;
      for (; n < end; n++) {
        out[n] = read(table, phase);
        phase += (long) (from + slope * (INDEX[n] - origin));
      }
    }
  }

  /**
   * A noise cloud: the wavetable read at a frequency drawn uniformly from [30, 150 000] Hz, redrawn whenever the
   * phase wraps. At most one draw per sample, even when a high frequency wraps the phase several times in it.
   *
   * <p>Wraps are as unpredictable as the draws, so the loop is branch-free: a candidate draw is computed every
   * sample from the counter-based generator and kept only when the phase wrapped.
   */
  private static void noiseCloud(Submodule s, int frames, double[] out) {
    double[] table = s.oscillator().table();
    SplitMix64 rng = new SplitMix64(s.noiseSeed());
    double lowStep = NOISE_MIN_HZ * PHASE_UNITS_PER_HZ;
    double stepRange = (NOISE_MAX_HZ - NOISE_MIN_HZ) * PHASE_UNITS_PER_HZ;
    long step = (long) (lowStep + stepRange * rng.nextDouble());
    long counter = rng.state();
    long phase = 0;
    for (int n = 0; n < frames; n++) {
      out[n] = read(table, phase);
      long cycle = phase >>> CYCLE_SHIFT;
      phase += step;
      boolean wrapped = (phase >>> CYCLE_SHIFT) != cycle;
      long next = counter + SplitMix64.GOLDEN_GAMMA;
      long candidate = (long) (lowStep + stepRange * SplitMix64.unitDouble(SplitMix64.mix64(next)));
      counter = wrapped ? next : counter;
      step = wrapped ? candidate : step;
    }
  }

  /** Phase increment for a frequency, in phase units per sample. */
  private static long phaseStep(double hz) {
    return (long) (hz * PHASE_UNITS_PER_HZ);
  }

  /** Linear interpolation of the table at a fixed-point phase (the cycle count above the table bits is ignored). */
  private static double read(double[] table, long phase) {
    int i = (int) (phase >>> FRACTION_BITS) & (TABLE_SIZE - 1);
    // The 32 fraction bits become the top of a mantissa in [1, 2): no integer-to-double conversion.
    double frac = Double.longBitsToDouble(ONE_BITS | ((phase & FRACTION_MASK) << (52 - FRACTION_BITS))) - 1.0;
    return table[i] + frac * (table[i + 1] - table[i]);
  }
}
