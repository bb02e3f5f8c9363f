package org.synthstack.improv;

/** A model, normaliser or corpus was made for other features than the ones at hand. */
public final class IncompatibleFeatureSetException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public IncompatibleFeatureSetException(String message) {
    super(message);
  }
}
