package org.synthstack.jobs.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.synthstack.jobs.InputException;

/** Local file helpers for the single-file commands. */
final class Files {
  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private Files() {}

  static byte[] read(Path path, String what) {
    try {
      return java.nio.file.Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new InputException(what + " " + path + ": no such file");
    } catch (IOException e) {
      throw new InputException(what + " " + path + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Writes {@code target} through a temporary file in the same directory and renames it into place: a failure
   * never leaves a partial file, and never replaces what was there.
   */
  static void writeAtomically(Path target, Writer writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (!java.nio.file.Files.isDirectory(dir)) {
      throw new InputException("output " + target + ": directory " + dir + " does not exist");
    }
    Path tmp = java.nio.file.Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (OutputStream out = java.nio.file.Files.newOutputStream(tmp)) {
        writer.write(out);
      }
      try {
        java.nio.file.Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        java.nio.file.Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      java.nio.file.Files.deleteIfExists(tmp);
    }
  }
}
