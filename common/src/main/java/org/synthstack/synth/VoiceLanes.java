package org.synthstack.synth;

import org.synthstack.dsp.BiquadBank;

/**
 * Generates the unfiltered signals of up to {@link #LANES} voices straight into the interleaved layout the
 * {@link BiquadBank} filters ({@code chunk[frame * LANES + lane]}), chunk after chunk.
 *
 * <p>Per frame: read the wavetable at the 32.32 fixed-point phase with linear interpolation, multiply by the gain
 * line, then advance the phase by the
 * glide's step line or by the noise cloud's current step, which is replaced by the next draw of the voice's
 * SplitMix64 stream whenever the phase wraps. Glide legs and envelope segments change only at event frames, so
 * each lane runs event-free spans in which its parameters are linear in the frame index.
 *
 * <p>Why it is shaped so (measured on JDK 17, AVX-512):
 * <ul>
 *   <li>The noise cloud's wrap is as random as its draws, so its loop is branch-free, and the draws are computed
 *       ahead in bulk ({@link NoiseDraws}, SIMD): inline, the generator's multiply chain sat on the critical path
 *       from one wrap to the next.
 *   <li>No integer-to-double conversion per sample (C2 compiles {@code cvtsi2sd} with a false dependency that
 *       chains iterations): frame indices come from {@link #INDEX}, fractions are built from bits.
 *   <li>Lanes stay scalar: a SIMD version needs table gathers and double-to-long conversions, which JDK 17 does
 *       not intrinsify (25 and 50 ns each), so it ran slower.
 * </ul>
 * A reusable workspace: not thread-safe.
 */
final class VoiceLanes {
  static final int LANES = BiquadBank.LANES;

  private static final int TABLE_SIZE = Oscillator.TABLE_SIZE;
  private static final int CYCLE_SHIFT = Voice.FRACTION_BITS + Integer.numberOfTrailingZeros(TABLE_SIZE);
  private static final long FRACTION_MASK = (1L << Voice.FRACTION_BITS) - 1;
  private static final long ONE_BITS = 0x3FF0000000000000L;
  /**
   * The glide's step is accumulated in integers: {@code step += slope} each frame, 16 bits finer than the phase.
   * Exact and cheap (no double-to-long per sample); the line is re-anchored at each of the voice's own event frames,
   * so chunking never changes the result, and slope rounding drifts by at most 0.4 phase units over a second.
   */
  private static final int STEP_FRACTION_BITS = 16;
  private static final double STEP_SCALE = 1 << STEP_FRACTION_BITS;
  /**
   * Every oscillator's table back to back, each with its guard sample. No separate difference table: a noise
   * cloud reads the table at random, and the sine table alone (32 KB) must stay in the 48 KB L1 cache.
   */
  private static final int STRIDE = TABLE_SIZE + 1;
  private static final double[] TABLES = new double[Oscillator.values().length * STRIDE];
  /** {@code INDEX[n] == n}, as doubles. */
  private static final double[] INDEX = new double[SynthLimits.FRAMES + 1];

  static {
    for (Oscillator o : Oscillator.values()) {
      System.arraycopy(o.table(), 0, TABLES, o.ordinal() * STRIDE, STRIDE);
    }
    for (int n = 0; n < INDEX.length; n++) {
      INDEX[n] = n;
    }
  }

  private final int drawCapacity;
  private final Voice[] voices = new Voice[LANES];
  private final long[] phase = new long[LANES];
  private final long[] noiseStep = new long[LANES];
  private final int[] tableBase = new int[LANES];
  // Glide: the phase step and its change per frame, with STEP_FRACTION_BITS extra fraction bits.
  private final long[] glideStep = new long[LANES];
  private final long[] glideSlope = new long[LANES];
  private final double[] gainBase = new double[LANES];
  private final double[] gainSlope = new double[LANES];
  private final int[] nextEvent = new int[LANES];
  // Noise clouds: precomputed steps, the next unused one, how many are valid, and the generator counter after them.
  private final long[][] draws;
  private final int[] drawNext = new int[LANES];
  private final int[] drawEnd = new int[LANES];
  private final long[] drawCounter = new long[LANES];
  private int position;

  /** @param maxChunk the largest chunk {@link #render} will be asked for */
  VoiceLanes(int maxChunk) {
    this.drawCapacity = 2 * maxChunk;
    this.draws = new long[LANES][drawCapacity];
  }

  /** Binds {@code lanes[0..count)} (the other lanes stay silent) and rewinds to frame 0. */
  void start(Voice[] lanes, int count) {
    position = 0;
    for (int lane = 0; lane < LANES; lane++) {
      Voice v = lane < count ? lanes[lane] : null;
      voices[lane] = v;
      phase[lane] = 0;
      tableBase[lane] = v == null ? 0 : v.submodule().oscillator().ordinal() * STRIDE;
      drawNext[lane] = 0;
      drawEnd[lane] = 0;
      if (v != null && v.noise()) {
        SplitMix64 rng = new SplitMix64(v.submodule().noiseSeed());
        noiseStep[lane] = Voice.noiseStep(rng.nextLong());
        drawCounter[lane] = rng.state();
      } else {
        noiseStep[lane] = 0;
      }
      refresh(lane, 0);
    }
  }

  /** Writes the next {@code frames} frames of every lane to {@code chunk[i * LANES + lane]}. */
  void render(int frames, double[] chunk) {
    int from = position;
    int to = from + frames;
    for (int lane = 0; lane < LANES; lane++) {
      Voice v = voices[lane];
      if (v == null) {
        for (int i = 0; i < frames; i++) {
          chunk[i * LANES + lane] = 0;
        }
        continue;
      }
      int n = from;
      while (n < to) {
        int end = Math.min(to, nextEvent[lane]);
        if (v.noise()) {
          noiseSpan(lane, n, end, chunk, from);
        } else {
          glideSpan(lane, n, end, chunk, from);
        }
        n = end;
        if (n == nextEvent[lane]) {
          refresh(lane, n);
        }
      }
    }
    position = to;
  }

  /** Loads lane {@code lane}'s lines in force at frame {@code n}. */
  private void refresh(int lane, int n) {
    Voice v = voices[lane];
    if (v == null || n >= v.frames()) {
      glideStep[lane] = 0;
      glideSlope[lane] = 0;
      gainBase[lane] = 0;
      gainSlope[lane] = 0;
      nextEvent[lane] = Integer.MAX_VALUE;
      return;
    }
    glideStep[lane] = Math.round(v.stepAt(n) * STEP_SCALE);
    glideSlope[lane] = Math.round(v.stepSlopeAt(n) * STEP_SCALE);
    v.gainLine(n, lane, gainBase, gainSlope);
    nextEvent[lane] = v.nextEvent(n);
  }

  private void glideSpan(int lane, int from, int to, double[] chunk, int chunkStart) {
    long p = phase[lane];
    long step = glideStep[lane];
    long slope = glideSlope[lane];
    int base = tableBase[lane];
    double gb = gainBase[lane];
    double gs = gainSlope[lane];
    int out = (from - chunkStart) * LANES + lane;
    for (int n = from; n < to; n++, out += LANES) {
      chunk[out] = read(base, p) * Math.fma(gs, INDEX[n], gb);
      p += step >> STEP_FRACTION_BITS;
      step += slope;
    }
    phase[lane] = p;
    glideStep[lane] = step;
  }

  private void noiseSpan(int lane, int from, int to, double[] chunk, int chunkStart) {
    ensureDraws(lane, to - from);
    long[] d = draws[lane];
    int k = drawNext[lane];
    long p = phase[lane];
    long step = noiseStep[lane];
    int base = tableBase[lane];
    double gb = gainBase[lane];
    double gs = gainSlope[lane];
    int out = (from - chunkStart) * LANES + lane;
    for (int n = from; n < to; n++, out += LANES) {
      chunk[out] = read(base, p) * Math.fma(gs, INDEX[n], gb);
      long next = p + step;
      boolean wrapped = ((next ^ p) >>> CYCLE_SHIFT) != 0;
      long candidate = d[k];
      step = wrapped ? candidate : step;
      k += wrapped ? 1 : 0;
      p = next;
    }
    phase[lane] = p;
    noiseStep[lane] = step;
    drawNext[lane] = k;
  }

  /** Makes at least {@code needed} unused draws available (one per frame suffices: at most one draw per frame). */
  private void ensureDraws(int lane, int needed) {
    int left = drawEnd[lane] - drawNext[lane];
    if (left >= needed) {
      return;
    }
    long[] d = draws[lane];
    System.arraycopy(d, drawNext[lane], d, 0, left);
    int fresh = drawCapacity - left;
    NoiseDraws.fill(drawCounter[lane], d, left, fresh);
    drawCounter[lane] += fresh * SplitMix64.GOLDEN_GAMMA;
    drawNext[lane] = 0;
    drawEnd[lane] = drawCapacity;
  }

  /** Linear interpolation of table {@code base} at a fixed-point phase; the cycle count above the table is ignored. */
  private static double read(int base, long phase) {
    int i = base + ((int) (phase >>> Voice.FRACTION_BITS) & (TABLE_SIZE - 1));
    // The 32 fraction bits become the top of a mantissa in [1, 2): no integer-to-double conversion.
    double frac = Double.longBitsToDouble(ONE_BITS | ((phase & FRACTION_MASK) << (52 - Voice.FRACTION_BITS))) - 1.0;
    double t = TABLES[i];
    return Math.fma(frac, TABLES[i + 1] - t, t);
  }
}
