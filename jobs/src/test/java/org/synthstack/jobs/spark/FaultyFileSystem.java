package org.synthstack.jobs.spark;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local filesystem under the scheme {@code faulty://}, recording every rename and failing the ones a test chooses,
 * as an object store does when it becomes unreachable in the middle of a publish.
 */
public final class FaultyFileSystem extends RawLocalFileSystem {
  /** Renames, as "FROM -> TO", with whether FROM/_SUCCESS existed at that moment. */
  static final List<String> RENAMES = new CopyOnWriteArrayList<>();
  /** Renames (from, to) that fail; null: none. */
  static volatile BiPredicate<Path, Path> failRename;

  static Configuration conf() {
    Configuration conf = new Configuration(false);
    conf.set("fs.faulty.impl", FaultyFileSystem.class.getName());
    conf.setBoolean("fs.faulty.impl.disable.cache", true);
    return conf;
  }

  static void reset() {
    RENAMES.clear();
    failRename = null;
  }

  @Override
  public URI getUri() {
    return URI.create("faulty:///");
  }

  @Override
  public String getScheme() {
    return "faulty";
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    boolean hadSuccess = exists(new Path(src, PartitionPublisher.SUCCESS));
    RENAMES.add(src.toUri().getPath() + " -> " + dst.toUri().getPath() + (hadSuccess ? " (with _SUCCESS)" : ""));
    BiPredicate<Path, Path> fail = failRename;
    if (fail != null && fail.test(src, dst)) {
      throw new java.net.ConnectException("injected: connect to the store failed: Connection refused");
    }
    return super.rename(src, dst);
  }
}
