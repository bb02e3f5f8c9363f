package org.synthstack.jobs.ingest;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.synthstack.audio.AudioDecodeException;

/**
 * The per-task worker: turns each {@code (path, content)} row of Spark's binaryFile source into one
 * {@link IngestRows#RESULT} row, decoded and featurised, or set aside with a reason. A file that cannot be decoded,
 * and even a bug in a decoder, affects that file only: every exception but a virtual-machine error becomes a
 * quarantine row. Rows are produced lazily, one file in memory at a time.
 */
final class IngestPartition implements MapPartitionsFunction<Row, Row>, Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(IngestPartition.class);

  private final FileLabels labels;
  private final double maxSeconds;

  IngestPartition(FileLabels labels, double maxSeconds) {
    this.labels = labels;
    this.maxSeconds = maxSeconds;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> files) {
    RecordingFeaturizer featurizer = new RecordingFeaturizer(maxSeconds);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return files.hasNext();
      }

      @Override
      public Row next() {
        return process(featurizer, files.next());
      }
    };
  }

  private Row process(RecordingFeaturizer featurizer, Row file) {
    String path = file.getString(0);
    byte[] content = (byte[]) file.get(1);
    FileLabels.Meta meta = labels.meta(path);
    String sha256 = RecordingFeaturizer.sha256(content);
    long bytes = content.length;
    if (meta.label() == null) {
      return IngestRows.rejected(path, null, meta.source(), meta.kit(), meta.licence(), sha256, bytes,
          IngestRows.Reason.NO_LABEL.name(), "not inside a <label>/ folder of the input directory");
    }
    try {
      RecordingFeaturizer.Recording recording = featurizer.process(content, path);
      return IngestRows.decoded(path, meta.label(), meta.source(), meta.kit(), meta.licence(), sha256, bytes,
          recording);
    } catch (AudioDecodeException e) {
      return IngestRows.rejected(path, meta.label(), meta.source(), meta.kit(), meta.licence(), sha256, bytes,
          e.reason().name(), e.detail());
    } catch (RuntimeException | StackOverflowError e) {
      LOG.warn("ingest: unexpected failure on {}; quarantined", path, e);
      return IngestRows.rejected(path, meta.label(), meta.source(), meta.kit(), meta.licence(), sha256, bytes,
          IngestRows.Reason.INTERNAL_ERROR.name(), e.toString());
    }
  }
}
