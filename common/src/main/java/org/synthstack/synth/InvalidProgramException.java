package org.synthstack.synth;

/** A program (usually read from JSON) that cannot be rendered; the message names the field and the allowed range. */
public final class InvalidProgramException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidProgramException(String field, String message) {
    super(field.isEmpty() ? message : field + ": " + message);
    this.field = field;
  }

  /** The JSON path of the offending field, e.g. {@code submodules[2].lowPassHz}; empty for the whole document. */
  public String field() {
    return field;
  }
}
