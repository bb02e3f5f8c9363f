package org.synthstack.synth;

/**
 * One submodule's unfiltered signal, produced chunk by chunk: an oscillator with pitch glide or a noise cloud,
 * times its ADSR envelope and amplitude. A reusable processor: {@link #start} binds a submodule, then successive
 * {@link #render} calls continue where the previous one stopped.
 *
 * <p>Hot loops use primitive arrays only and never convert an integer to a double per sample: on x86, C2 emits
 * {@code cvtsi2sd} without breaking its false dependency on the destination register, which chained iterations
 * together and made these loops over ten times slower. Sample indices come from {@link #INDEX}, and phases are
 * 32.32 fixed point in table samples, so the phase accumulator is a one-cycle integer add that wraps by masking
 * (a floating-point phase with floor-and-subtract wrapping chained some 20 cycles per sample).
 */
final class Voice {
  /** The noise cloud's frequency range, Hz; draws above Nyquist alias, by design. */
  static final double NOISE_MIN_HZ = 30;
  static final double NOISE_MAX_HZ = 150_000;

  private static final int TABLE_SIZE = Oscillator.TABLE_SIZE;
  private static final int FRACTION_BITS = 32;
  private static final long FRACTION_MASK = (1L << FRACTION_BITS) - 1;
  private static final int CYCLE_SHIFT = FRACTION_BITS + Integer.numberOfTrailingZeros(TABLE_SIZE);
  private static final double PHASE_UNITS_PER_HZ =
      (double) TABLE_SIZE / SynthLimits.SAMPLE_RATE * (1L << FRACTION_BITS);
  private static final long ONE_BITS = 0x3FF0000000000000L;
  private static final double NOISE_LOW_STEP = NOISE_MIN_HZ * PHASE_UNITS_PER_HZ;
  private static final double NOISE_STEP_RANGE = (NOISE_MAX_HZ - NOISE_MIN_HZ) * PHASE_UNITS_PER_HZ;
  /** {@code INDEX[n] == n}, as doubles. */
  private static final double[] INDEX = new double[SynthLimits.FRAMES + 1];

  static {
    for (int n = 0; n < INDEX.length; n++) {
      INDEX[n] = n;
    }
  }

  private final double[] wave;

  private Submodule submodule;
  private double[] table;
  private int frames;
  private int startFrame;
  private int position;
  private long phase;
  // Noise cloud: current step and the generator's counter.
  private long noiseStep;
  private long noiseCounter;
  // Glide: legs of equal length through the pitches.
  private int legs;
  private double legFrames;
  // Envelope segments in frames, and their shapes.
  private int attackEnd;
  private int decayEnd;
  private int plateauEnd;
  private double attackGain;
  private double decayStart;
  private double decayDrop;
  private double sustainGain;
  private double releaseStart;
  private double releaseStep;
  private double amplitude;
  private double level;

  /** @param maxChunk the largest chunk {@link #render} will be asked for */
  Voice(int maxChunk) {
    this.wave = new double[maxChunk];
  }

  /** Samples a submodule occupies in the buffer: its rounded length, cut at the buffer's end. */
  static int framesOf(Submodule s) {
    return Math.min((int) Math.round(s.length() * SynthLimits.SAMPLE_RATE), SynthLimits.FRAMES - startFrameOf(s));
  }

  static int startFrameOf(Submodule s) {
    return Math.min((int) Math.round(s.start() * SynthLimits.SAMPLE_RATE), SynthLimits.FRAMES);
  }

  /**
   * Binds {@code s} and rewinds to its first frame.
   *
   * <p>The envelope (domain notes §1): A, D and R are seconds, scaled by L/(A+D+R) when they exceed the length
   * L; attack rises 0 to 1, decay falls to the sustain level min(S, 1), the plateau fills what is left, release
   * falls to 0. With A = D = R = 0 the envelope is the constant sustain level.
   */
  void start(Submodule s) {
    submodule = s;
    table = s.oscillator().table();
    frames = framesOf(s);
    startFrame = startFrameOf(s);
    position = 0;
    phase = 0;
    if (s.noise()) {
      SplitMix64 rng = new SplitMix64(s.noiseSeed());
      noiseStep = (long) (NOISE_LOW_STEP + NOISE_STEP_RANGE * rng.nextDouble());
      noiseCounter = rng.state();
    }
    legs = s.pitchCount() - 1;
    legFrames = legs == 0 ? 0 : (double) frames / legs;

    double total = s.attack() + s.decay() + s.release();
    double scale = total > s.length() ? s.length() / total : 1;
    double a = s.attack() * scale;
    double d = s.decay() * scale;
    double r = s.release() * scale;
    double plateau = Math.max(0, s.length() - (a + d + r));
    double sr = SynthLimits.SAMPLE_RATE;
    amplitude = s.amplitude();
    level = Math.min(s.sustain(), 1);
    attackEnd = Math.min(frames, (int) Math.ceil(a * sr));
    decayEnd = Math.min(frames, (int) Math.ceil((a + d) * sr));
    plateauEnd = Math.min(frames, (int) Math.ceil((a + d + plateau) * sr));
    attackGain = attackEnd > 0 ? amplitude / (a * sr) : 0;
    decayStart = a * sr;
    decayDrop = d > 0 ? (1 - level) / (d * sr) : 0;
    sustainGain = amplitude * level;
    releaseStart = (a + d + plateau) * sr;
    releaseStep = r > 0 ? 1 / (r * sr) : 0;
  }

  Submodule submodule() {
    return submodule;
  }

  /** Frames this voice lasts. */
  int frames() {
    return frames;
  }

  /** Where the voice starts in the program's buffer. */
  int startFrame() {
    return startFrame;
  }

  /**
   * Writes the next {@code count} frames (at most what is left, and at most the chunk size) to
   * {@code dst[offset + i * stride]}.
   */
  void render(int count, double[] dst, int offset, int stride) {
    int from = position;
    int to = from + count;
    if (submodule.noise()) {
      noiseCloud(from, to);
    } else {
      glide(from, to);
    }
    envelope(from, to, dst, offset, stride);
    position = to;
  }

  /** The wavetable read at a frequency moving piecewise-linearly in Hz through the pitches. */
  private void glide(int from, int to) {
    double[] t = table;
    long p = phase;
    if (legs == 0) {
      long step = (long) (submodule.pitch(0) * PHASE_UNITS_PER_HZ);
      for (int n = from; n < to; n++) {
        wave[n - from] = read(t, p);
        p += step;
      }
      phase = p;
      return;
    }
    int n = from;
    while (n < to) {
      // Leg k spans frames [ceil(k F / P), ceil((k+1) F / P)): exact integer arithmetic, so a chunk boundary
      // never changes which leg a frame belongs to.
      int k = (int) ((long) n * legs / frames);
      int legEnd = (int) (((long) (k + 1) * frames + legs - 1) / legs);
      int end = Math.min(to, legEnd);
      double base = submodule.pitch(k) * PHASE_UNITS_PER_HZ;
      double slope = (submodule.pitch(k + 1) - submodule.pitch(k)) * PHASE_UNITS_PER_HZ / legFrames;
      double origin = k * legFrames;
      for (; n < end; n++) {
        wave[n - from] = read(t, p);
        p += (long) (base + slope * (INDEX[n] - origin));
      }
    }
    phase = p;
  }

  /**
   * A noise cloud: the wavetable read at a frequency drawn uniformly from [30, 150 000] Hz, redrawn whenever the
   * phase wraps; at most one draw per sample, even when a high frequency wraps several times in it. Wraps are as
   * unpredictable as the draws, so the loop is branch-free: a candidate draw is computed every sample from the
   * counter-based generator and kept only when the phase wrapped.
   */
  private void noiseCloud(int from, int to) {
    double[] t = table;
    long p = phase;
    long step = noiseStep;
    long counter = noiseCounter;
    for (int n = from; n < to; n++) {
      wave[n - from] = read(t, p);
      long cycle = p >>> CYCLE_SHIFT;
      p += step;
      boolean wrapped = (p >>> CYCLE_SHIFT) != cycle;
      long next = counter + SplitMix64.GOLDEN_GAMMA;
      long candidate = (long) (NOISE_LOW_STEP + NOISE_STEP_RANGE * SplitMix64.unitDouble(SplitMix64.mix64(next)));
      counter = wrapped ? next : counter;
      step = wrapped ? candidate : step;
    }
    phase = p;
    noiseStep = step;
    noiseCounter = counter;
  }

  /** Multiplies the waveform by envelope and amplitude, writing strided. */
  private void envelope(int from, int to, double[] dst, int offset, int stride) {
    int n = from;
    for (int end = Math.min(to, attackEnd); n < end; n++) {
      dst[offset + (n - from) * stride] = wave[n - from] * (INDEX[n] * attackGain);
    }
    for (int end = Math.min(to, decayEnd); n < end; n++) {
      dst[offset + (n - from) * stride] = wave[n - from] * amplitude * (1 - decayDrop * (INDEX[n] - decayStart));
    }
    for (int end = Math.min(to, plateauEnd); n < end; n++) {
      dst[offset + (n - from) * stride] = wave[n - from] * sustainGain;
    }
    for (; n < to; n++) {
      double e = level * Math.max(0, 1 - releaseStep * (INDEX[n] - releaseStart));
      dst[offset + (n - from) * stride] = wave[n - from] * amplitude * e;
    }
  }

  /** Linear interpolation of the table at a fixed-point phase (the cycle count above the table bits is ignored). */
  private static double read(double[] table, long phase) {
    int i = (int) (phase >>> FRACTION_BITS) & (TABLE_SIZE - 1);
    // The 32 fraction bits become the top of a mantissa in [1, 2): no integer-to-double conversion.
    double frac = Double.longBitsToDouble(ONE_BITS | ((phase & FRACTION_MASK) << (52 - FRACTION_BITS))) - 1.0;
    return table[i] + frac * (table[i + 1] - table[i]);
  }
}
