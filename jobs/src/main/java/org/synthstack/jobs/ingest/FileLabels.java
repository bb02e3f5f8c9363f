package org.synthstack.jobs.ingest;

import java.io.Serializable;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;

/** Where a file's label, source, kit and licence come from: a manifest, or the folder layout. */
interface FileLabels extends Serializable {
  /** What is known of a file; {@code label == null} means it has none. */
  record Meta(String label, String source, String kit, String licence) implements Serializable {}

  /** Metadata of the file at {@code path} (a qualified URI as Spark's binaryFile source gives it). */
  Meta meta(String path);

  /** Labels from a manifest, keyed by qualified path. */
  static FileLabels manifest(Broadcast<Map<String, Meta>> byPath) {
    return path -> {
      Meta m = byPath.value().get(path);
      return m != null ? m : new Meta(null, null, null, null);
    };
  }

  /**
   * Labels from a folder laid out as {@code ROOT/<label>/[<kit>/...]file}: the first folder below the root is the
   * label; the folders between it and the file, if any, are the kit.
   *
   * @param root the qualified root URI, without a trailing slash
   */
  static FileLabels folders(String root, String source) {
    String prefix = root + "/";
    return path -> {
      if (!path.startsWith(prefix)) {
        return new Meta(null, source, null, null);
      }
      String relative = path.substring(prefix.length());
      int first = relative.indexOf('/');
      int last = relative.lastIndexOf('/');
      if (first <= 0) {
        return new Meta(null, source, null, null);
      }
      String kit = last > first ? relative.substring(first + 1, last) : null;
      return new Meta(relative.substring(0, first), source, kit, null);
    };
  }
}
