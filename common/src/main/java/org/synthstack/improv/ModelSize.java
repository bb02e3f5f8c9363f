package org.synthstack.improv;

/** IMPS's model sizes: units in each of the two LSTM layers. */
public enum ModelSize {
  XS(32),
  S(64),
  M(128),
  L(256);

  private final int units;

  ModelSize(int units) {
    this.units = units;
  }

  /** LSTM units per layer. */
  public int units() {
    return units;
  }
}
