package org.synthstack.synth.search;

import java.util.ArrayList;
import java.util.List;
import org.synthstack.synth.Oscillator;
import org.synthstack.synth.Program;
import org.synthstack.synth.ProgramGenerator;
import org.synthstack.synth.SplitMix64;
import org.synthstack.synth.Submodule;
import org.synthstack.synth.SynthLimits;

/**
 * Variation operators on programs, valid by construction: every value is drawn or clamped inside its Table 2 range
 * ({@link SynthLimits}) and every submodule is built through {@link Submodule#validated}, so an invalid program
 * would be a bug that throws, never a silent output.
 *
 * <ul>
 *   <li><b>Mutation</b> changes {@code 1 + G} parameters, G geometric with mean {@code meanChanges - 1}, each of a
 *       uniformly chosen submodule and one of its audible parameters:
 *       <ul>
 *         <li>continuous ones (attack, decay, sustain, release, start, length, amplitude) take a Gaussian step of
 *             {@code sigma} times their range and are clamped to it; start + length stays at most 1 s by
 *             shortening the length;
 *         <li>grid ones (a pitch, the high-pass and low-pass cutoffs) step by a Gaussian number of grid notes,
 *             {@code sigma * 120} wide, rounded and never zero, clamped to C0..B9; the high-pass grid has one more
 *             step below C0, 0 Hz (bypass); a low-pass below the high-pass is raised to it (and a high-pass above
 *             the low-pass raises the low-pass), so lowPass &gt;= highPass always;
 *         <li>the pitch list may instead gain a uniform grid pitch (up to 4) or lose one (down to 1);
 *         <li>discrete ones are resampled to a different value: the oscillator and filter order uniformly among
 *             the other choices, the noise flag flipped;
 *         <li>a noise cloud's seed (its "pitches" are inaudible, so it takes their slot) is redrawn from the
 *             mutation's stream; a submodule switched to noise carries the seed it already had, so the cloud is
 *             determined by the parent and the stream.
 *       </ul>
 *       Independently, a submodule drawn from the original distributions is inserted at a random place with
 *       {@code addProbability}, or a random one removed with {@code removeProbability} (never the last).
 *   <li><b>Crossover</b> recombines whole submodules: position by position, the child takes the first or the second
 *       parent's submodule with equal chance (nothing where the chosen parent is shorter); an empty child takes
 *       one parent's first submodule.
 * </ul>
 *
 * Every draw comes from the {@link SplitMix64} passed in, in a fixed order: the same stream and parents give the
 * same child.
 */
public final class Variation {
  /** Parameter slots a mutation picks from; slot 2 is the pitch list for tones, the noise seed for clouds. */
  static final int SLOTS = 13;
  private static final int[] ORDERS = {4, 8, 16};
  private static final Oscillator[] OSCILLATORS = Oscillator.values();
  private static final int TOP_NOTE = SynthLimits.GRID_NOTES - 1;
  /** High-pass grid index meaning "bypass" (0 Hz). */
  private static final int BYPASS = -1;

  private final VariationSettings settings;

  public Variation(VariationSettings settings) {
    this.settings = settings;
  }

  public VariationSettings settings() {
    return settings;
  }

  /** A mutated copy of {@code parent}. */
  public Program mutate(Program parent, SplitMix64 rng) {
    List<Submodule> subs = new ArrayList<>(parent.submodules());
    while (subs.size() > settings.maxStackSize()) {
      subs.remove(subs.size() - 1);
    }
    double structural = rng.nextDouble();
    if (structural < settings.addProbability()) {
      if (subs.size() < settings.maxStackSize()) {
        int at = rng.nextInt(subs.size() + 1);
        subs.add(at, ProgramGenerator.randomSubmodule(rng));
      }
    } else if (structural < settings.addProbability() + settings.removeProbability()) {
      if (subs.size() > 1) {
        subs.remove(rng.nextInt(subs.size()));
      }
    }
    int changes = 1 + geometric(rng, settings.meanChanges() - 1);
    for (int c = 0; c < changes; c++) {
      int i = rng.nextInt(subs.size());
      subs.set(i, mutateParameter(subs.get(i), rng.nextInt(SLOTS), rng));
    }
    return new Program(subs);
  }

  /** A child of two parents by uniform crossover of their submodules. */
  public Program crossover(Program a, Program b, SplitMix64 rng) {
    int n = Math.max(a.stackSize(), b.stackSize());
    List<Submodule> child = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Program pick = rng.nextDouble() < 0.5 ? a : b;
      if (i < pick.stackSize() && child.size() < settings.maxStackSize()) {
        child.add(pick.submodules().get(i));
      }
    }
    if (child.isEmpty()) {
      child.add((rng.nextDouble() < 0.5 ? a : b).submodules().get(0));
    }
    return new Program(child);
  }

  /** Submodule {@code s} with parameter slot {@code slot} changed. */
  Submodule mutateParameter(Submodule s, int slot, SplitMix64 rng) {
    Oscillator oscillator = s.oscillator();
    boolean noise = s.noise();
    double[] pitches = s.pitches();
    double attack = s.attack();
    double decay = s.decay();
    double sustain = s.sustain();
    double release = s.release();
    double start = s.start();
    double length = s.length();
    double amplitude = s.amplitude();
    double highPass = s.highPassHz();
    double lowPass = s.lowPassHz();
    int order = s.filterOrder();
    long noiseSeed = s.noiseSeed();
    double sigma = settings.sigma();
    switch (slot) {
      case 0 -> oscillator = OSCILLATORS[(oscillator.ordinal() + 1 + rng.nextInt(OSCILLATORS.length - 1))
          % OSCILLATORS.length];
      case 1 -> noise = !noise;
      case 2 -> {
        if (noise) {
          noiseSeed = rng.nextLong();
        } else {
          pitches = mutatePitches(pitches, rng);
        }
      }
      case 3 -> attack = step(attack, 0, SynthLimits.MAX_ADSR, sigma, rng);
      case 4 -> decay = step(decay, 0, SynthLimits.MAX_ADSR, sigma, rng);
      case 5 -> sustain = step(sustain, 0, SynthLimits.MAX_ADSR, sigma, rng);
      case 6 -> release = step(release, 0, SynthLimits.MAX_ADSR, sigma, rng);
      case 7 -> {
        start = step(start, 0, SynthLimits.DURATION_SECONDS, sigma, rng);
        length = Math.min(length, SynthLimits.DURATION_SECONDS - start);
      }
      case 8 -> length = step(length, 0, SynthLimits.DURATION_SECONDS - start, sigma, rng);
      case 9 -> amplitude = step(amplitude, SynthLimits.MIN_AMPLITUDE, SynthLimits.MAX_AMPLITUDE, sigma, rng);
      case 10 -> {
        int hp = gridStep(highPassIndex(highPass), BYPASS, TOP_NOTE, sigma, rng);
        highPass = hp == BYPASS ? 0 : SynthLimits.gridHz(hp);
        if (lowPass < highPass) {
          lowPass = highPass;
        }
      }
      case 11 -> {
        int hp = highPassIndex(highPass);
        int lp = gridStep(gridIndex(lowPass), Math.max(hp, 0), TOP_NOTE, sigma, rng);
        lowPass = Math.max(SynthLimits.gridHz(lp), highPass);
      }
      case 12 -> order = ORDERS[(indexOfOrder(order) + 1 + rng.nextInt(ORDERS.length - 1)) % ORDERS.length];
      default -> throw new IllegalArgumentException("no parameter slot " + slot);
    }
    return Submodule.validated("", oscillator, noise, pitches, attack, decay, sustain, release, start, length,
        amplitude, highPass, lowPass, order, noiseSeed);
  }

  private double[] mutatePitches(double[] pitches, SplitMix64 rng) {
    double u = rng.nextDouble();
    if (u < 0.25 && pitches.length < SynthLimits.MAX_PITCHES) {
      double[] more = new double[pitches.length + 1];
      int at = rng.nextInt(more.length);
      for (int i = 0, j = 0; i < more.length; i++) {
        more[i] = i == at ? SynthLimits.gridHz(rng.nextInt(SynthLimits.GRID_NOTES)) : pitches[j++];
      }
      return more;
    }
    if (u < 0.5 && pitches.length > 1) {
      double[] fewer = new double[pitches.length - 1];
      int drop = rng.nextInt(pitches.length);
      for (int i = 0, j = 0; i < pitches.length; i++) {
        if (i != drop) {
          fewer[j++] = pitches[i];
        }
      }
      return fewer;
    }
    int k = rng.nextInt(pitches.length);
    pitches[k] = SynthLimits.gridHz(gridStep(gridIndex(pitches[k]), 0, TOP_NOTE, settings.sigma(), rng));
    return pitches;
  }

  /** {@code value} plus a Gaussian step of {@code sigma} times the range, clamped to [lo, hi]. */
  static double step(double value, double lo, double hi, double sigma, SplitMix64 rng) {
    double v = value + gaussian(rng) * sigma * (hi - lo);
    return v < lo ? lo : v > hi ? hi : v;
  }

  /** A grid index moved by a rounded Gaussian number of notes (at least one), clamped to [lo, hi]. */
  static int gridStep(int index, int lo, int hi, double sigma, SplitMix64 rng) {
    double g = gaussian(rng) * sigma * SynthLimits.GRID_NOTES;
    long delta = Math.round(g);
    if (delta == 0) {
      delta = g < 0 ? -1 : 1;
    }
    long v = index + delta;
    return (int) (v < lo ? lo : v > hi ? hi : v);
  }

  /** The nearest grid note of a frequency, clamped to C0..B9. */
  static int gridIndex(double hz) {
    long k = Math.round(12 * Math.log(hz / SynthLimits.C0_HZ) / Math.log(2));
    return (int) Math.max(0, Math.min(TOP_NOTE, k));
  }

  private static int highPassIndex(double hz) {
    return hz == 0 ? BYPASS : gridIndex(hz);
  }

  private static int indexOfOrder(int order) {
    for (int i = 0; i < ORDERS.length; i++) {
      if (ORDERS[i] == order) {
        return i;
      }
    }
    return 0;
  }

  /** A standard normal draw by Box-Muller from two uniforms of the stream. */
  static double gaussian(SplitMix64 rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Failures before the first success, success probability 1 / (1 + mean): mean {@code mean}. */
  static int geometric(SplitMix64 rng, double mean) {
    if (mean <= 0) {
      return 0;
    }
    double p = 1 / (1 + mean);
    int n = 0;
    while (rng.nextDouble() >= p && n < 64) {
      n++;
    }
    return n;
  }
}
