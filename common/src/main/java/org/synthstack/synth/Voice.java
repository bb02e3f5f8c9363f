package org.synthstack.synth;

/**
 * One submodule's timing and parameters, as {@link VoiceLanes} consumes them: where the voice sits in the buffer,
 * and, for any frame, the pitch glide's leg and the envelope's segment in force, each until the next event frame
 * (a leg boundary, an envelope segment boundary or the voice's end).
 *
 * <p>Within an event-free span everything is linear in the frame index {@code n}: the phase step
 * ({@link #stepAt}, changing by {@link #stepSlopeAt} per frame) and the gain (envelope times amplitude),
 * {@code fma(gainSlope, n, gainBase)}. The gain never goes below zero: the release line reaches zero exactly at the
 * submodule's length, and the voice's last frame lies at least half a frame before it.
 *
 * <p>The envelope (domain notes §1): A, D and R are seconds, scaled by L/(A+D+R) when they exceed the length L;
 * attack rises 0 to 1, decay falls to the sustain level min(S, 1), the plateau fills what is left, release falls to
 * 0. With A = D = R = 0 the envelope is the constant sustain level.
 */
final class Voice {
  /** The noise cloud's frequency range, Hz; draws above Nyquist alias, by design. */
  static final double NOISE_MIN_HZ = 30;
  static final double NOISE_MAX_HZ = 150_000;
  /** Phases are 32.32 fixed point in table samples. */
  static final int FRACTION_BITS = 32;
  static final double PHASE_UNITS_PER_HZ =
      (double) Oscillator.TABLE_SIZE / SynthLimits.SAMPLE_RATE * (1L << FRACTION_BITS);
  /** The noise cloud's lowest phase step, in phase units per sample. */
  static final long NOISE_LOW_STEP = (long) (NOISE_MIN_HZ * PHASE_UNITS_PER_HZ);
  /**
   * The step range, pre-shifted so that 31 random bits times it fits a long: a draw maps to
   * {@code NOISE_LOW_STEP + ((bits >>> 33) * NOISE_RANGE_SCALED >>> 17)}, uniform over the range in steps of
   * 2^-31 of it, in integer arithmetic (exactly reproducible, and vectorisable on JDK 17, unlike double-to-long).
   */
  static final long NOISE_RANGE_SCALED = (long) ((NOISE_MAX_HZ - NOISE_MIN_HZ) * PHASE_UNITS_PER_HZ) >>> 14;

  private Submodule submodule;
  private int frames;
  private int startFrame;
  private int legs;
  private int attackEnd;
  private int decayEnd;
  private int plateauEnd;
  private double amplitude;
  private double attackGain;
  private double decayBase;
  private double decaySlope;
  private double sustainGain;
  private double releaseBase;
  private double releaseSlope;

  /** Samples a submodule occupies in the buffer: its rounded length, cut at the buffer's end. */
  static int framesOf(Submodule s) {
    return Math.min((int) Math.round(s.length() * SynthLimits.SAMPLE_RATE), SynthLimits.FRAMES - startFrameOf(s));
  }

  static int startFrameOf(Submodule s) {
    return Math.min((int) Math.round(s.start() * SynthLimits.SAMPLE_RATE), SynthLimits.FRAMES);
  }

  /** A noise cloud's phase step from 64 random bits (see {@link #NOISE_RANGE_SCALED}). */
  static long noiseStep(long bits) {
    return NOISE_LOW_STEP + ((bits >>> 33) * NOISE_RANGE_SCALED >>> 17);
  }

  void start(Submodule s) {
    submodule = s;
    frames = framesOf(s);
    startFrame = startFrameOf(s);
    legs = s.pitchCount() - 1;
    double total = s.attack() + s.decay() + s.release();
    double scale = total > s.length() ? s.length() / total : 1;
    double a = s.attack() * scale;
    double d = s.decay() * scale;
    double r = s.release() * scale;
    double plateau = Math.max(0, s.length() - (a + d + r));
    double sr = SynthLimits.SAMPLE_RATE;
    double level = Math.min(s.sustain(), 1);
    amplitude = s.amplitude();
    attackEnd = Math.min(frames, (int) Math.ceil(a * sr));
    decayEnd = Math.min(frames, (int) Math.ceil((a + d) * sr));
    plateauEnd = Math.min(frames, (int) Math.ceil((a + d + plateau) * sr));
    attackGain = attackEnd > 0 ? amplitude / (a * sr) : 0;
    // decay: amp (1 - drop (n - a sr)) with drop = (1 - level) / (d sr)
    double drop = d > 0 ? (1 - level) / (d * sr) : 0;
    decayBase = amplitude * (1 + drop * a * sr);
    decaySlope = -amplitude * drop;
    sustainGain = amplitude * level;
    // release: amp level (1 - (n - start) / (r sr))
    double releaseStart = (a + d + plateau) * sr;
    double releaseStep = r > 0 ? 1 / (r * sr) : 0;
    releaseBase = amplitude * level * (1 + releaseStep * releaseStart);
    releaseSlope = -amplitude * level * releaseStep;
  }

  Submodule submodule() {
    return submodule;
  }

  int frames() {
    return frames;
  }

  int startFrame() {
    return startFrame;
  }

  boolean noise() {
    return submodule.noise();
  }

  /** The first frame after {@code n} at which a parameter changes (at most {@code frames}). */
  int nextEvent(int n) {
    int next = frames;
    if (!submodule.noise() && legs > 0) {
      next = Math.min(next, legStart(leg(n) + 1));
    }
    next = attackEnd > n ? Math.min(next, attackEnd) : next;
    next = decayEnd > n ? Math.min(next, decayEnd) : next;
    next = plateauEnd > n ? Math.min(next, plateauEnd) : next;
    return Math.max(next, n + 1);
  }

  /** The glide's phase step at frame {@code n}, in phase units per frame (0 for a noise cloud). */
  double stepAt(int n) {
    if (submodule.noise()) {
      return 0;
    }
    if (legs == 0) {
      return submodule.pitch(0) * PHASE_UNITS_PER_HZ;
    }
    int k = leg(n);
    double legFrames = (double) frames / legs;
    return submodule.pitch(k) * PHASE_UNITS_PER_HZ + stepSlopeAt(n) * (n - k * legFrames);
  }

  /** How much the glide's step changes per frame around frame {@code n}, in phase units. */
  double stepSlopeAt(int n) {
    if (submodule.noise() || legs == 0) {
      return 0;
    }
    int k = leg(n);
    return (submodule.pitch(k + 1) - submodule.pitch(k)) * PHASE_UNITS_PER_HZ * legs / frames;
  }

  /** Writes the gain line (envelope times amplitude) in force at frame {@code n} into slot {@code lane}. */
  void gainLine(int n, int lane, double[] base, double[] slope) {
    if (n >= frames) {
      base[lane] = 0;
      slope[lane] = 0;
    } else if (n < attackEnd) {
      base[lane] = 0;
      slope[lane] = attackGain;
    } else if (n < decayEnd) {
      base[lane] = decayBase;
      slope[lane] = decaySlope;
    } else if (n < plateauEnd) {
      base[lane] = sustainGain;
      slope[lane] = 0;
    } else {
      base[lane] = releaseBase;
      slope[lane] = releaseSlope;
    }
  }

  /**
   * Leg k spans frames [ceil(k F / P), ceil((k+1) F / P)), in exact integer arithmetic so that no chunk boundary
   * changes which leg a frame belongs to.
   */
  private int leg(int n) {
    return (int) Math.min(legs - 1, (long) n * legs / frames);
  }

  private int legStart(int k) {
    return (int) (((long) k * frames + legs - 1) / legs);
  }
}
