package org.synthstack.improv;

import java.io.IOException;

/** A corpus or model file is malformed; the message names the file and the field. */
public final class CorpusFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String field;

  public CorpusFormatException(String file, String field, String problem) {
    this(file, field, problem, null);
  }

  public CorpusFormatException(String file, String field, String problem, Throwable cause) {
    super(file + ": " + field + ": " + problem, cause);
    this.file = file;
    this.field = field;
  }

  /** The file (or source name) that is malformed. */
  public String file() {
    return file;
  }

  /** The JSON path of the offending field, e.g. {@code Analysis.Spectral.Chroma03[17]}. */
  public String field() {
    return field;
  }
}
