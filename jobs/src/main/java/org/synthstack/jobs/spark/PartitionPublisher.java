package org.synthstack.jobs.spark;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Publishes a dataset's date partition so that readers only ever see complete output, and a failed run never
 * loses what was already there.
 *
 * <p>A job writes into {@link #staging()} ({@code ROOT/_staging/dt=DATE/RUN}; Spark and Hive skip names starting
 * with an underscore). {@link #publish()} then moves any existing partition aside to {@code ROOT/_trash}, renames
 * staging into place, writes {@code _SUCCESS} last, and deletes the old copy. {@code _SUCCESS} is the contract: a
 * partition without it is incomplete. On a filesystem with atomic rename (local, HDFS) the window without a
 * partition is one rename long; on object stores the rename is a copy, and {@code _SUCCESS} still appears only
 * after every data file. One writer per partition at a time: schedulers serialise runs (see conf/).
 */
public final class PartitionPublisher {
  public static final String SUCCESS = "_SUCCESS";

  private final FileSystem fs;
  private final Path root;
  private final Path target;
  private final Path staging;
  private final Path trash;

  private PartitionPublisher(FileSystem fs, Path root, Path target, Path staging, Path trash) {
    this.fs = fs;
    this.root = root;
    this.target = target;
    this.staging = staging;
    this.trash = trash;
  }

  /** For partition {@code partition} (e.g. {@code dt=2026-01-01}) under {@code root}. */
  public static PartitionPublisher forPartition(String root, String partition, Configuration conf) {
    Path rootPath = new Path(root);
    try {
      FileSystem fs = rootPath.getFileSystem(conf);
      String run = UUID.randomUUID().toString();
      return new PartitionPublisher(fs, rootPath,
          new Path(rootPath, partition),
          new Path(rootPath, "_staging/" + partition + "/" + run),
          new Path(rootPath, "_trash/" + partition + "/" + run));
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the filesystem of " + root + ": " + e.getMessage(), e);
    }
  }

  /** Where the job writes. */
  public Path staging() {
    return staging;
  }

  /** The published partition. */
  public Path target() {
    return target;
  }

  /** Swaps the staged output in and marks it complete. */
  public void publish() throws IOException {
    fs.delete(new Path(staging, SUCCESS), false);
    boolean hadOld = fs.exists(target);
    if (hadOld) {
      fs.mkdirs(trash.getParent());
      if (!fs.rename(target, trash)) {
        throw new IOException("could not move the old partition " + target + " aside to " + trash);
      }
    }
    fs.mkdirs(target.getParent());
    if (!fs.rename(staging, target)) {
      if (hadOld && !fs.exists(target)) {
        fs.rename(trash, target);
      }
      throw new IOException("could not move staged output " + staging + " to " + target);
    }
    fs.create(new Path(target, SUCCESS), true).close();
    if (hadOld) {
      fs.delete(trash, true);
    }
    deleteEmptyAncestors(staging);
    deleteEmptyAncestors(trash);
  }

  /** Removes the staging directory of a run that failed; published data is untouched. */
  public void abandon() {
    try {
      fs.delete(staging, true);
      deleteEmptyAncestors(staging);
    } catch (IOException e) {
      // Best effort: a leftover staging directory is invisible to readers and replaced by the next run.
    }
  }

  /** Whether {@code partition} is complete: it exists and carries {@code _SUCCESS}. */
  public static boolean isComplete(FileSystem fs, Path partition) throws IOException {
    return fs.exists(new Path(partition, SUCCESS));
  }

  /** Removes the now-empty {@code _staging/dt=...} and {@code _trash/dt=...} directories left above a run. */
  private void deleteEmptyAncestors(Path run) throws IOException {
    for (Path dir = run.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
      if (!fs.exists(dir) || fs.listStatus(dir).length > 0) {
        return;
      }
      fs.delete(dir, false);
    }
  }
}
