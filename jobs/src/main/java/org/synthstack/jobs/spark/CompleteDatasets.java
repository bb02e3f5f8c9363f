package org.synthstack.jobs.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.synthstack.jobs.InputException;

/**
 * Reads datasets the way their writers publish them: only complete partitions, those carrying {@code _SUCCESS}.
 * A path may be a published partition ({@code ROOT/dt=...}) or a dataset root whose {@code k=v} sub-directories
 * are partitions, nested to any depth ({@code ROOT/stacks=1/dt=...}); incomplete partitions are skipped with a
 * warning, never read half-written.
 */
public final class CompleteDatasets {
  private static final Logger LOG = LoggerFactory.getLogger(CompleteDatasets.class);

  private CompleteDatasets() {}

  public static Dataset<Row> parquet(SparkSession spark, String what, List<String> paths) {
    List<String> complete = new ArrayList<>();
    List<String> bases = new ArrayList<>();
    try {
      for (String p : paths) {
        Path path = new Path(p);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(path)) {
          throw new InputException(what + ": " + p + " does not exist");
        }
        if (PartitionPublisher.isComplete(fs, path)) {
          complete.add(p);
          continue;
        }
        int found = collectComplete(fs, path, what, complete);
        for (int i = 0; i < found; i++) {
          bases.add(p);
        }
        if (found == 0) {
          throw new InputException(what + ": " + p + " holds no complete dataset (no _SUCCESS in it or in any of "
              + "its partitions); expected the output of a synthstack job");
        }
      }
    } catch (IOException e) {
      throw new InputException(what + ": cannot list " + paths + ": " + e.getMessage(), e);
    }
    var reader = spark.read();
    if (!bases.isEmpty() && bases.stream().distinct().count() == 1 && bases.size() == complete.size()) {
      // Keeps the partition column (dt=...) when reading chosen partitions of one root.
      reader = reader.option("basePath", bases.get(0));
    }
    return reader.parquet(complete.toArray(new String[0]));
  }

  /** Adds the complete partitions below {@code dir} (its {@code k=v} sub-directories, recursively); returns how many. */
  private static int collectComplete(FileSystem fs, Path dir, String what, List<String> complete) throws IOException {
    int found = 0;
    for (FileStatus child : fs.listStatus(dir)) {
      String name = child.getPath().getName();
      if (!child.isDirectory() || !name.contains("=") || name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (PartitionPublisher.isComplete(fs, child.getPath())) {
        complete.add(child.getPath().toString());
        found++;
        continue;
      }
      int below = collectComplete(fs, child.getPath(), what, complete);
      if (below == 0) {
        LOG.warn("{}: skipping {}: no _SUCCESS (incomplete or still being written)", what, child.getPath());
      }
      found += below;
    }
    return found;
  }
}
