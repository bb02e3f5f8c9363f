package org.synthstack.learn;

/** A model asked to read features other than those it was trained on. */
public final class IncompatibleFeaturesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IncompatibleFeaturesException(String message) {
    super(message);
  }
}
