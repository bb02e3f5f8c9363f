package org.synthstack.jobs.embed;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.forall;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.spark.CompleteDatasets;
import org.synthstack.learn.FeatureSettings;

/**
 * The autoencoder's training material: stored mel spectra from drum and NoiseDB feature tables (the paper's MixedDB),
 * a seeded sample, split into training and test spectra. Everything is collected to the driver and broadcast: a few
 * thousand 600-float spectra are a few megabytes.
 *
 * @param train {@code trainCount × 600} floats, band-major
 * @param test {@code testCount × 600} floats
 */
public record SpectraData(float[] train, int trainCount, float[] test, int testCount, FeatureSettings features)
    implements Serializable {

  /** Which column identifies a row of a feature table, as train-ear chooses it. */
  static String idColumn(Dataset<Row> table) {
    List<String> columns = List.of(table.columns());
    for (String c : List.of("sha256", "checksum", "program_id", "path", "id")) {
      if (columns.contains(c)) {
        return c;
      }
    }
    throw new InputException("feature table has no id column (one of sha256, checksum, program_id, path, id); found "
        + columns);
  }

  /** A feature table's rows as {@code (id string, spectrum)}, checked to carry a spectrum column. */
  static Dataset<Row> spectra(SparkSession spark, String option, List<String> paths) {
    Dataset<Row> table = CompleteDatasets.parquet(spark, option, paths);
    if (!List.of(table.columns()).contains("spectrum")) {
      throw new InputException(option + " " + paths + ": no 'spectrum' column; expected ear feature tables "
          + "(ingest or render output)");
    }
    return table.select(col(idColumn(table)).cast("string").as("id"), col("spectrum"));
  }

  /**
   * At most {@code max} spectra from the given tables, chosen and ordered by a seeded hash of their ids; the last
   * {@code testFraction} of them are the test set.
   */
  public static SpectraData load(SparkSession spark, List<String> drums, List<String> noise, int max,
      double testFraction, long seed) {
    Dataset<Row> all = spectra(spark, "--drums", drums);
    if (!noise.isEmpty()) {
      all = all.unionByName(spectra(spark, "--noise", noise));
    }
    Column order = xxhash64(col("id"), lit(seed));
    FeatureSettings features = FeatureSettings.current();
    List<Row> rows = withFlatSpectrum(all.orderBy(order, col("id")).limit(max), features).collectAsList();
    int width = features.size();
    int n = rows.size();
    int testCount = (int) Math.round(n * testFraction);
    int trainCount = n - testCount;
    if (trainCount < 1 || testCount < 1) {
      throw new InputException("--drums/--noise: " + n + " spectra are too few for a training and a test set "
          + "(test fraction " + testFraction + ")");
    }
    float[] train = new float[trainCount * width];
    float[] test = new float[testCount * width];
    for (int i = 0; i < n; i++) {
      float[] target = i < trainCount ? train : test;
      int offset = (i < trainCount ? i : i - trainCount) * width;
      copyFlat(rows.get(i), features, target, offset);
    }
    return new SpectraData(train, trainCount, test, testCount, features);
  }

  /**
   * The shape checks and the flattened spectrum as columns: {@code bands} (outer length), {@code shaped} (every band
   * has {@code frames} values) and {@code flat} (band-major), next to the table's other columns.
   */
  static Dataset<Row> withFlatSpectrum(Dataset<Row> table, FeatureSettings features) {
    return table.withColumn("bands", size(col("spectrum")))
        .withColumn("shaped", forall(col("spectrum"), b -> size(b).equalTo(features.frames())))
        .withColumn("flat", flatten(col("spectrum")));
  }

  /** The row's id for error messages: the first id-like column it has. */
  private static String idOf(Row row) {
    List<String> names = List.of(row.schema().fieldNames());
    for (String c : List.of("id", "sha256", "checksum", "program_id", "path")) {
      if (names.contains(c)) {
        return String.valueOf(row.get(row.fieldIndex(c)));
      }
    }
    return "(without id)";
  }

  /** Copies a row's {@code flat} spectrum into {@code target}, checking its shape (see {@link #withFlatSpectrum}). */
  static void copyFlat(Row row, FeatureSettings features, float[] target, int offset) {
    String id = idOf(row);
    int bands = row.isNullAt(row.fieldIndex("bands")) ? -1 : row.getInt(row.fieldIndex("bands"));
    boolean shaped = !row.isNullAt(row.fieldIndex("shaped")) && row.getBoolean(row.fieldIndex("shaped"));
    if (bands != features.bands() || !shaped) {
      throw new InputException("row " + id + ": spectrum is not " + features.bands() + " bands × " + features.frames()
          + " frames (it has " + bands + " bands" + (shaped ? "" : ", some of another length") + ")");
    }
    List<Float> flat = row.getList(row.fieldIndex("flat"));
    for (int i = 0; i < flat.size(); i++) {
      Float v = flat.get(i);
      if (v == null || !Float.isFinite(v)) {
        throw new InputException("row " + id + ": spectrum[" + i / features.frames() + "][" + i % features.frames()
            + "] is " + v + ", expected a number");
      }
      target[offset + i] = v;
    }
  }
}
