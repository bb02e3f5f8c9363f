package org.synthstack.synth;

import java.util.Arrays;

/**
 * One noise-making unit of a program (seed 000, Table 2; domain notes §1): an oscillator or a noise cloud,
 * shaped by an ADSR envelope and an amplitude, band-limited by a Butterworth high-pass and low-pass, and placed
 * at {@code start} for {@code length} seconds within the program's buffer.
 *
 * <p>Construct through {@link #validated}, which enforces {@link SynthLimits}; the renderer assumes valid values.
 *
 * @param oscillator wavetable shape
 * @param noise if true a noise cloud: the table is read at a random frequency redrawn every cycle; pitches ignored
 * @param pitches 1..4 frequencies in Hz the pitch glides through, each leg an equal share of the length
 * @param attack seconds, 0..3
 * @param decay seconds, 0..3
 * @param sustain level, 0..3 (the level used is min(sustain, 1))
 * @param release seconds, 0..3
 * @param start onset in seconds, 0..1
 * @param length duration in seconds, 0..1, with start + length at most 1
 * @param amplitude gain 0.1..1
 * @param highPassHz Butterworth high-pass cutoff; 0 bypasses it
 * @param lowPassHz Butterworth low-pass cutoff, at least highPassHz
 * @param filterOrder order of each of the two filters: 4, 8 or 16
 * @param noiseSeed seed of the noise cloud's frequency draws
 */
public record Submodule(
    Oscillator oscillator,
    boolean noise,
    double[] pitches,
    double attack,
    double decay,
    double sustain,
    double release,
    double start,
    double length,
    double amplitude,
    double highPassHz,
    double lowPassHz,
    int filterOrder,
    long noiseSeed) {

  public Submodule {
    pitches = pitches.clone();
  }

  /** Builds a submodule, checking every field; {@code path} prefixes field names in error messages. */
  public static Submodule validated(
      String path,
      Oscillator oscillator,
      boolean noise,
      double[] pitches,
      double attack,
      double decay,
      double sustain,
      double release,
      double start,
      double length,
      double amplitude,
      double highPassHz,
      double lowPassHz,
      int filterOrder,
      long noiseSeed) {
    Submodule s = new Submodule(oscillator, noise, pitches, attack, decay, sustain, release, start, length,
        amplitude, highPassHz, lowPassHz, filterOrder, noiseSeed);
    SynthLimits.check(path, s);
    return s;
  }

  @Override
  public double[] pitches() {
    return pitches.clone();
  }

  /** Number of pitches, without copying them. */
  public int pitchCount() {
    return pitches.length;
  }

  /** Pitch {@code i} in Hz, without copying the array. */
  public double pitch(int i) {
    return pitches[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Submodule s
        && oscillator == s.oscillator
        && noise == s.noise
        && Arrays.equals(pitches, s.pitches)
        && Double.compare(attack, s.attack) == 0
        && Double.compare(decay, s.decay) == 0
        && Double.compare(sustain, s.sustain) == 0
        && Double.compare(release, s.release) == 0
        && Double.compare(start, s.start) == 0
        && Double.compare(length, s.length) == 0
        && Double.compare(amplitude, s.amplitude) == 0
        && Double.compare(highPassHz, s.highPassHz) == 0
        && Double.compare(lowPassHz, s.lowPassHz) == 0
        && filterOrder == s.filterOrder
        && noiseSeed == s.noiseSeed;
  }

  @Override
  public int hashCode() {
    int h = Arrays.hashCode(pitches);
    h = 31 * h + oscillator.hashCode();
    h = 31 * h + Boolean.hashCode(noise);
    for (double d : new double[] {attack, decay, sustain, release, start, length, amplitude, highPassHz, lowPassHz}) {
      h = 31 * h + Double.hashCode(d);
    }
    h = 31 * h + filterOrder;
    return 31 * h + Long.hashCode(noiseSeed);
  }

  @Override
  public String toString() {
    return "Submodule[" + oscillator.jsonName() + (noise ? " noise" : "") + " pitches=" + Arrays.toString(pitches)
        + " adsr=" + attack + "/" + decay + "/" + sustain + "/" + release + " start=" + start + " length=" + length
        + " amplitude=" + amplitude + " hp=" + highPassHz + " lp=" + lowPassHz + " order=" + filterOrder
        + " noiseSeed=" + noiseSeed + "]";
  }
}
