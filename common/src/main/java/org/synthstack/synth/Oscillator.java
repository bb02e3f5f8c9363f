package org.synthstack.synth;

/**
 * The wavetable shapes. Tables are {@link #TABLE_SIZE} samples read with linear interpolation and are
 * deliberately not band-limited: the aliasing is part of the instrument's sound.
 */
public enum Oscillator {
  SINE("sine"),
  SQUARE("square"),
  SAW("saw");

  /** Samples per wavetable cycle. */
  public static final int TABLE_SIZE = 4096;

  private final String jsonName;
  private final double[] table;

  Oscillator(String jsonName) {
    this.jsonName = jsonName;
    // One guard sample past the end (a copy of sample 0) lets interpolation skip the wrap test.
    double[] t = new double[TABLE_SIZE + 1];
    for (int i = 0; i < TABLE_SIZE; i++) {
      double phase = (double) i / TABLE_SIZE;
      t[i] = switch (jsonName) {
        case "sine" -> Math.sin(2 * Math.PI * phase);
        case "square" -> phase < 0.5 ? 1 : -1;
        default -> 2 * phase - 1;
      };
    }
    t[TABLE_SIZE] = t[0];
    this.table = t;
  }

  /** The name used in program JSON. */
  public String jsonName() {
    return jsonName;
  }

  /** The table with its guard sample; callers must not modify it. */
  double[] table() {
    return table;
  }

  /** Looks up an oscillator by its JSON name, or returns null. */
  public static Oscillator fromJsonName(String name) {
    for (Oscillator o : values()) {
      if (o.jsonName.equals(name)) {
        return o;
      }
    }
    return null;
  }
}
