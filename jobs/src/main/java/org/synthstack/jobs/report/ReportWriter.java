package org.synthstack.jobs.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a report's files (Markdown, PNG, CSV) into one directory through Hadoop's FileSystem, so a report lands on
 * a local disk, HDFS or s3a alike. Each file is written whole through a temporary name and renamed into place.
 */
public final class ReportWriter {
  /** Writes bytes to a stream. */
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private final FileSystem fs;
  private final Path dir;

  public ReportWriter(String directory, Configuration conf) throws IOException {
    this.dir = new Path(directory);
    this.fs = dir.getFileSystem(conf);
    fs.mkdirs(dir);
  }

  /** The report directory. */
  public Path directory() {
    return dir;
  }

  public Path write(String name, Content content) throws IOException {
    Path target = new Path(dir, name);
    Path tmp = new Path(dir, "." + name + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      content.writeTo(out);
    }
    fs.delete(target, false);
    if (!fs.rename(tmp, target)) {
      throw new IOException("could not rename " + tmp + " to " + target);
    }
    return target;
  }

  public Path writeText(String name, String text) throws IOException {
    return write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }
}
