package org.synthstack.synth;

/**
 * The synthesizer's fixed constants and the allowed range of every submodule parameter (seed 000 Table 2, as
 * settled by domain notes §1). One place, so that the JSON reader, the generator and the docs agree.
 */
public final class SynthLimits {
  /** All audio is mono at this rate. */
  public static final int SAMPLE_RATE = 48_000;
  /** A program renders a buffer of this many seconds. */
  public static final double DURATION_SECONDS = 1.0;
  /** Samples in a rendered program. */
  public static final int FRAMES = (int) Math.round(SAMPLE_RATE * DURATION_SECONDS);

  /** C0 with A4 = 440 Hz: the lowest note of the pitch grid. */
  public static final double C0_HZ = 440 * Math.pow(2, -9.0 / 12) / 16;
  /** Notes on the pitch grid: C0 .. B9. */
  public static final int GRID_NOTES = 120;

  public static final int MAX_PITCHES = 4;
  public static final double MAX_ADSR = 3;
  public static final double MIN_AMPLITUDE = 0.1;
  public static final double MAX_AMPLITUDE = 1;
  public static final double MAX_CUTOFF_HZ = 20_000;
  /**
   * The lowest usable filter cutoff. Lower cutoffs are inaudible and put the poles so close to z = 1 that the
   * design degenerates; a high-pass of 0 means bypass instead.
   */
  public static final double MIN_CUTOFF_HZ = 10;
  public static final int MAX_STACK_SIZE = 64;
  private static final double TOLERANCE = 1e-9;

  private SynthLimits() {}

  /** Frequency of grid note {@code k}: C0 * 2^(k/12). */
  public static double gridHz(int k) {
    return C0_HZ * Math.pow(2, k / 12.0);
  }

  public static double lowestPitchHz() {
    return gridHz(0);
  }

  public static double highestPitchHz() {
    return gridHz(GRID_NOTES - 1);
  }

  /** Whether {@code order} is an allowed Butterworth order. */
  public static boolean isFilterOrder(int order) {
    return order == 4 || order == 8 || order == 16;
  }

  static void check(String path, Submodule s) {
    String p = path.isEmpty() ? "" : path + ".";
    if (s.oscillator() == null) {
      throw new InvalidProgramException(p + "oscillator", "missing; expected one of sine, square, saw");
    }
    int n = s.pitchCount();
    if (n < 1 || n > MAX_PITCHES) {
      throw new InvalidProgramException(p + "pitches", n + " pitches; expected 1.." + MAX_PITCHES + " frequencies in Hz");
    }
    for (int i = 0; i < n; i++) {
      inRange(p + "pitches[" + i + "]", s.pitch(i), lowestPitchHz(), highestPitchHz(), "Hz (C0..B9)");
    }
    inRange(p + "attack", s.attack(), 0, MAX_ADSR, "seconds");
    inRange(p + "decay", s.decay(), 0, MAX_ADSR, "seconds");
    inRange(p + "sustain", s.sustain(), 0, MAX_ADSR, "(level min(sustain, 1))");
    inRange(p + "release", s.release(), 0, MAX_ADSR, "seconds");
    inRange(p + "start", s.start(), 0, DURATION_SECONDS, "seconds");
    inRange(p + "length", s.length(), 0, DURATION_SECONDS, "seconds");
    if (s.start() + s.length() > DURATION_SECONDS + TOLERANCE) {
      throw new InvalidProgramException(p + "length", "start + length = " + (s.start() + s.length())
          + " exceeds the " + DURATION_SECONDS + " s buffer; expected start + length <= " + DURATION_SECONDS);
    }
    inRange(p + "amplitude", s.amplitude(), MIN_AMPLITUDE, MAX_AMPLITUDE, "");
    double hp = s.highPassHz();
    if (!Double.isFinite(hp) || (hp != 0 && (hp < MIN_CUTOFF_HZ || hp > MAX_CUTOFF_HZ))) {
      throw new InvalidProgramException(p + "highPassHz", describe(hp) + " is out of range; expected 0 (bypass) or "
          + MIN_CUTOFF_HZ + ".." + MAX_CUTOFF_HZ + " Hz");
    }
    double lp = s.lowPassHz();
    double lowestLowPass = Math.max(hp, MIN_CUTOFF_HZ);
    if (!Double.isFinite(lp) || lp < lowestLowPass || lp > MAX_CUTOFF_HZ) {
      String why = Double.isFinite(lp) && lp < hp ? " is below highPassHz " + hp : " is out of range";
      throw new InvalidProgramException(p + "lowPassHz", describe(lp) + why + "; expected highPassHz <= lowPassHz, "
          + "within " + lowestLowPass + ".." + MAX_CUTOFF_HZ + " Hz");
    }
    if (lp >= SAMPLE_RATE / 2.0 || hp >= SAMPLE_RATE / 2.0) {
      throw new InvalidProgramException(p + "lowPassHz", "cutoffs must lie below Nyquist (" + SAMPLE_RATE / 2 + " Hz)");
    }
    if (!isFilterOrder(s.filterOrder())) {
      throw new InvalidProgramException(p + "filterOrder", s.filterOrder() + " is not allowed; expected 4, 8 or 16");
    }
  }

  private static void inRange(String field, double v, double lo, double hi, String unit) {
    if (!(v >= lo - TOLERANCE && v <= hi + TOLERANCE)) {
      throw new InvalidProgramException(field,
          describe(v) + " is out of range; expected " + lo + ".." + hi + (unit.isEmpty() ? "" : " " + unit));
    }
  }

  private static String describe(double v) {
    return Double.isNaN(v) ? "NaN" : Double.toString(v);
  }
}
