package org.synthstack.learn;

/** A model file that is not one, or is damaged: names the file and the field. */
public final class ModelFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelFileException(String file, String field, String problem) {
    super(file + ": " + field + " " + problem);
  }

  public ModelFileException(String file, String field, String problem, Throwable cause) {
    super(file + ": " + field + " " + problem, cause);
  }
}
