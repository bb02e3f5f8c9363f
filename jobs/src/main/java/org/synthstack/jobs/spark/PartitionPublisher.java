package org.synthstack.jobs.spark;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.synthstack.jobs.InputException;

/**
 * Publishes a dataset's date partition so that readers only ever see complete output, and a failed run never
 * loses what was already there.
 *
 * <p>A job writes into {@link #staging()} ({@code ROOT/_staging/dt=DATE/RUN}; Spark and Hive skip names starting
 * with an underscore). {@link #publish()} then
 * <ol>
 *   <li>removes the {@code _SUCCESS} that Spark's committer left in staging (ours comes last), keeping an S3A
 *       committer's JSON summary as {@code _committer.json};
 *   <li>if a partition is already published, deletes its {@code _SUCCESS} first, then moves it aside to
 *       {@code ROOT/_trash/dt=DATE/RUN};
 *   <li>renames staging into place and writes {@code _SUCCESS};
 *   <li>deletes the old copy, and whatever failed runs of this partition left in {@code _staging} and
 *       {@code _trash}.
 * </ol>
 * {@code _SUCCESS} is the contract: a partition without it is incomplete, and {@link CompleteDatasets} skips it.
 * On a filesystem with atomic rename (local, HDFS) each move is one operation. On an object store (s3a) a directory
 * rename is a copy of every object followed by deletes, so a half-moved directory is visible for a while: that is
 * why the old partition loses its {@code _SUCCESS} before it is moved, and why the new one gets it only after every
 * data file has arrived. If publishing fails half-way, the old partition is moved back where possible; when it is
 * not (the store is unreachable) the error names where the old files are, and a rerun of the job recreates the
 * partition. One writer per partition at a time: schedulers serialise runs (see conf/).
 */
public final class PartitionPublisher {
  public static final String SUCCESS = "_SUCCESS";
  /** The S3A committers' job summary, moved out of the way of our {@code _SUCCESS}. */
  public static final String COMMITTER_SUMMARY = "_committer.json";

  private final FileSystem fs;
  private final Path root;
  private final String partition;
  private final Path target;
  private final Path staging;
  private final Path trash;

  private PartitionPublisher(FileSystem fs, Path root, String partition, String run) {
    this.fs = fs;
    this.root = root;
    this.partition = partition;
    this.target = new Path(root, partition);
    this.staging = new Path(root, "_staging/" + partition + "/" + run);
    this.trash = new Path(root, "_trash/" + partition + "/" + run);
  }

  /** For partition {@code partition} (e.g. {@code dt=2026-01-01}) under {@code root}. */
  public static PartitionPublisher forPartition(String root, String partition, Configuration conf) {
    Path rootPath = new Path(root);
    try {
      FileSystem fs = rootPath.getFileSystem(conf);
      return new PartitionPublisher(fs, rootPath, partition, UUID.randomUUID().toString());
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
    try {
      keepCommitterSummary();
    } catch (IOException e) {
      throw new PublishException("publishing " + target + " failed before anything moved: " + rootCause(e)
          + "; the published partition is unchanged", e);
    }
    boolean hadOld;
    boolean oldComplete;
    try {
      hadOld = fs.exists(target);
      oldComplete = hadOld && isComplete(fs, target);
      if (oldComplete) {
        fs.delete(new Path(target, SUCCESS), false);
      }
    } catch (IOException e) {
      throw new PublishException("publishing " + target + " failed before anything moved: " + rootCause(e)
          + "; the published partition is unchanged", e);
    }
    if (hadOld) {
      try {
        fs.mkdirs(trash.getParent());
        rename(target, trash);
      } catch (IOException e) {
        throw new PublishException("publishing " + target + " failed while moving the old partition aside to "
            + trash + ": " + rootCause(e) + "; the old partition is no longer marked complete and its files are "
            + "under " + target + " and " + trash + "; rerun the job to recreate it", e);
      }
    }
    try {
      fs.mkdirs(target.getParent());
      rename(staging, target);
      fs.create(new Path(target, SUCCESS), true).close();
    } catch (IOException e) {
      throw new PublishException("publishing " + target + " failed while moving the new output into place: "
          + rootCause(e) + "; " + restore(hadOld, oldComplete, e), e);
    }
    // The new partition is complete: older copies and leftovers of failed runs are garbage now.
    Path runsTrash = new Path(root, "_trash/" + partition);
    Path runsStaging = new Path(root, "_staging/" + partition);
    fs.delete(runsTrash, true);
    fs.delete(runsStaging, true);
    deleteEmptyAncestors(runsTrash);
    deleteEmptyAncestors(runsStaging);
  }

  /**
   * Spark's committer left a {@code _SUCCESS} in staging; ours must come last, so it goes. The S3A committers write a
   * JSON summary there (committer, files, metrics): that is kept as {@code _committer.json}.
   */
  private void keepCommitterSummary() throws IOException {
    Path success = new Path(staging, SUCCESS);
    if (!fs.exists(success)) {
      return;
    }
    if (fs.getFileStatus(success).getLen() > 0) {
      rename(success, new Path(staging, COMMITTER_SUMMARY));
    } else {
      fs.delete(success, false);
    }
  }

  /** Puts the old partition back after a failed swap; says what state things are in. */
  private String restore(boolean hadOld, boolean oldComplete, IOException failure) {
    try {
      fs.delete(new Path(target, SUCCESS), false);
      if (fs.exists(target)) {
        fs.delete(target, true);
      }
      if (!hadOld) {
        return "nothing was published";
      }
      rename(trash, target);
      if (oldComplete) {
        fs.create(new Path(target, SUCCESS), true).close();
      }
      return "the old partition was moved back";
    } catch (IOException e) {
      failure.addSuppressed(e);
      return hadOld ? "the old partition could not be moved back and is under " + trash + "; rerun the job"
          : "nothing was published (an incomplete copy may remain under " + target + ", without _SUCCESS)";
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("could not rename " + from + " to " + to);
    }
  }

  /** Removes the staging directory of a run that failed; published data is untouched. */
  public void abandon() {
    try {
      fs.delete(staging, true);
      deleteEmptyAncestors(staging);
    } catch (IOException | RuntimeException e) {
      // Best effort: a leftover staging directory is invisible to readers and removed by the next publish.
    }
  }

  /**
   * For a job's failure handler: abandons every publisher's staging and returns the exception to throw. Input errors
   * ({@link InputException}) are rethrown as they are, and so are {@link PublishException}s, which already say what
   * state the partition is in; anything else (a task failure, an unreachable store) becomes an IOException naming
   * the partitions and the root cause, and saying that nothing was published.
   */
  public static IOException failed(Throwable e, PartitionPublisher... publishers) {
    for (PartitionPublisher p : publishers) {
      p.abandon();
    }
    if (e instanceof InputException input) {
      throw input;
    }
    if (e instanceof PublishException publish) {
      return publish;
    }
    StringBuilder targets = new StringBuilder();
    for (PartitionPublisher p : publishers) {
      targets.append(targets.length() == 0 ? "" : ", ").append(p.target);
    }
    return new IOException("writing " + targets + " failed: " + rootCause(e) + "; nothing was published, and what "
        + "was published before is unchanged", e);
  }

  /**
   * The cause that says what went wrong, as {@code Class: message}: the innermost one, or the one just above it
   * when that only elaborates a terse message ("Connection refused" becomes "HttpHostConnectException: Connect to
   * 127.0.0.1:9000 failed: Connection refused"). First line only, at most 300 characters.
   */
  public static String rootCause(Throwable e) {
    java.util.List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    int i = chain.size() - 1;
    while (i > 0 && firstLine(chain.get(i)).length() < 40
        && firstLine(chain.get(i - 1)).contains(firstLine(chain.get(i)))) {
      i--;
    }
    Throwable t = chain.get(i);
    String message = firstLine(t);
    return t.getClass().getSimpleName() + ": " + (message.length() > 300 ? message.substring(0, 300) + "..." : message);
  }

  private static String firstLine(Throwable t) {
    String m = String.valueOf(t.getMessage());
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).trim();
  }

  /** Whether {@code partition} is complete: it exists and carries {@code _SUCCESS}. */
  public static boolean isComplete(FileSystem fs, Path partition) throws IOException {
    return fs.exists(new Path(partition, SUCCESS));
  }

  /** Removes the now-empty directories above {@code path}, up to the dataset root ({@code _staging}, {@code _trash}). */
  private void deleteEmptyAncestors(Path path) throws IOException {
    for (Path dir = path.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
      if (!fs.exists(dir) || fs.listStatus(dir).length > 0) {
        return;
      }
      fs.delete(dir, false);
    }
  }

  /** Publishing failed; the message says what state the partition was left in. */
  public static final class PublishException extends IOException {
    private static final long serialVersionUID = 1L;

    PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
