package org.synthstack.jobs;

/**
 * Bad input from the user: a missing or malformed file, an impossible option combination. The command line reports
 * the message (which names the file or field and what was expected) and exits with code 2.
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
