package org.synthstack.jobs.ingest;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.synthstack.jobs.spark.ProgramRows;

/**
 * Parquet schemas of the ingest job: {@link #FEATURES} ({@code drum_features} in the data catalog),
 * {@link #QUARANTINE} ({@code quarantine}), and {@link #RESULT}, the one-row-per-file intermediate from which both
 * are derived, so that no file is decoded twice.
 */
public final class IngestRows {
  /** Why ingest itself (rather than the decoder) set a file aside; decoder reasons are {@code AudioDecodeException.Reason}. */
  public enum Reason {
    /** Larger than {@code --max-bytes}: not read at all. */
    FILE_TOO_LARGE,
    /** Listed in the manifest, but not there (or hidden from Spark's file listing by a leading {@code _} or {@code .}). */
    MISSING_FILE,
    /** In {@code --in} mode, a file directly in the input folder rather than in a {@code <label>/} folder. */
    NO_LABEL,
    /** Identical bytes listed under different labels: no copy is kept. */
    CONFLICTING_LABELS,
    /** An unexpected exception while decoding or featurising: a bug, isolated to this file. */
    INTERNAL_ERROR
  }

  private static final StructType COMMON = new StructType()
      .add("path", DataTypes.StringType, false)
      .add("label", DataTypes.StringType, false)
      .add("source", DataTypes.StringType, false)
      .add("kit", DataTypes.StringType, true)
      .add("licence", DataTypes.StringType, true)
      .add("sha256", DataTypes.StringType, false);

  private static final StructType AUDIO = new StructType()
      .add("bytes", DataTypes.LongType, false)
      .add("format", DataTypes.StringType, false)
      .add("original_rate", DataTypes.IntegerType, false)
      .add("channels", DataTypes.IntegerType, false)
      .add("bits_per_sample", DataTypes.IntegerType, false)
      .add("duration", DataTypes.DoubleType, false)
      .add("peak", DataTypes.DoubleType, false)
      .add("silent", DataTypes.BooleanType, false)
      .add("warnings", DataTypes.createArrayType(DataTypes.StringType, false), false);

  /** One row per distinct content that decoded; the date appears as partition column {@code dt}. */
  public static final StructType FEATURES = concat(
      COMMON,
      new StructType()
          .add("copies", DataTypes.IntegerType, false)
          .add("duplicate_paths", DataTypes.createArrayType(DataTypes.StringType, false), false),
      AUDIO,
      ProgramRows.FEATURES);

  /** One row per file set aside, with the reason; the date appears as partition column {@code dt}. */
  public static final StructType QUARANTINE = new StructType()
      .add("path", DataTypes.StringType, false)
      .add("label", DataTypes.StringType, true)
      .add("source", DataTypes.StringType, true)
      .add("kit", DataTypes.StringType, true)
      .add("reason", DataTypes.StringType, false)
      .add("detail", DataTypes.StringType, false)
      .add("bytes", DataTypes.LongType, true)
      .add("sha256", DataTypes.StringType, true);

  /** {@code report/dt=D/label_counts/}: stored rows per source and label. */
  public static final StructType LABEL_COUNTS = new StructType()
      .add("source", DataTypes.StringType, false)
      .add("label", DataTypes.StringType, false)
      .add("files", DataTypes.LongType, false);

  /**
   * The worker's output: one row per file read, {@code reason} null when it decoded. Everything the two published
   * tables need, and nothing that has to be recomputed.
   */
  public static final StructType RESULT = nullable(concat(
      COMMON,
      new StructType().add("reason", DataTypes.StringType).add("detail", DataTypes.StringType),
      AUDIO,
      ProgramRows.FEATURES));

  private IngestRows() {}

  static Row decoded(String path, String label, String source, String kit, String licence, String sha256, long bytes,
      RecordingFeaturizer.Recording r) {
    return RowFactory.create(path, label, source, kit, licence, sha256, null, null, bytes, r.format(),
        r.originalRate(), r.channels(), r.bitsPerSample(), r.durationSeconds(), r.peak(), r.silent(),
        r.warnings().toArray(String[]::new), r.features().envelope(), r.features().frequency(),
        r.features().spectrum());
  }

  static Row rejected(String path, String label, String source, String kit, String licence, String sha256, long bytes,
      String reason, String detail) {
    return RowFactory.create(path, label, source, kit, licence, sha256, reason, detail, bytes, null, null, null, null,
        null, null, null, null, null, null, null);
  }

  static Row quarantine(String path, String label, String source, String kit, String reason, String detail,
      Long bytes, String sha256) {
    return RowFactory.create(path, label, source, kit, reason, detail, bytes, sha256);
  }

  private static StructType concat(StructType... parts) {
    StructType out = new StructType();
    for (StructType part : parts) {
      for (StructField f : part.fields()) {
        out = out.add(f);
      }
    }
    return out;
  }

  private static StructType nullable(StructType schema) {
    StructType out = new StructType();
    for (StructField f : schema.fields()) {
      out = out.add(f.name(), f.dataType(), true);
    }
    return out;
  }

  /** Column names of {@code schema}, in order. */
  static List<String> names(StructType schema) {
    return List.of(schema.fieldNames());
  }
}
