package org.synthstack.jobs.embed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.spark.PartitionPublisher;
import org.synthstack.learn.Autoencoder;
import org.synthstack.learn.FeatureSettings;
import org.synthstack.learn.IncompatibleFeaturesException;
import org.synthstack.learn.ModelFileException;

/**
 * An autoencoder as a published directory, on any Hadoop filesystem: {@code DIR/autoencoder.bin} (the model file of
 * {@link Autoencoder}) and {@code DIR/_SUCCESS}, written through a staging directory like every dataset.
 */
public final class AutoencoderArtifact {
  public static final String FILE = "autoencoder.bin";

  private AutoencoderArtifact() {}

  public static void save(Autoencoder ae, String dir, Configuration conf) throws IOException {
    Path target = new Path(dir);
    PartitionPublisher publisher = PartitionPublisher.forPartition(
        target.getParent() == null ? "." : target.getParent().toString(), target.getName(), conf);
    try {
      FileSystem fs = publisher.staging().getFileSystem(conf);
      try (OutputStream out = fs.create(new Path(publisher.staging(), FILE), true)) {
        ae.write(out);
      }
      publisher.publish();
    } catch (IOException | RuntimeException e) {
      publisher.abandon();
      throw e;
    }
  }

  /** The model file's bytes, after checking the directory is complete and the model reads today's features. */
  public static byte[] read(String dir, Configuration conf) {
    Path root = new Path(dir);
    byte[] bytes;
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (!PartitionPublisher.isComplete(fs, root)) {
        throw new InputException("--autoencoder " + dir + ": not a complete autoencoder (no _SUCCESS); expected a "
            + "directory written by tune-autoencoder");
      }
      try (InputStream in = fs.open(new Path(root, FILE)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
        in.transferTo(out);
        bytes = out.toByteArray();
      }
    } catch (IOException e) {
      throw new InputException("--autoencoder " + dir + ": cannot read " + FILE + ": " + e.getMessage(), e);
    }
    try (Autoencoder ignored = open(bytes, dir)) {
      return bytes;
    }
  }

  /** Opens model bytes, turning a bad file or a feature mismatch into an {@link InputException}. */
  public static Autoencoder open(byte[] bytes, String dir) {
    try {
      return Autoencoder.read(new java.io.ByteArrayInputStream(bytes), dir + "/" + FILE, FeatureSettings.current());
    } catch (ModelFileException | IncompatibleFeaturesException e) {
      throw new InputException("--autoencoder " + e.getMessage(), e);
    } catch (IOException e) {
      throw new InputException("--autoencoder " + dir + ": cannot read the model: " + e.getMessage(), e);
    }
  }
}
