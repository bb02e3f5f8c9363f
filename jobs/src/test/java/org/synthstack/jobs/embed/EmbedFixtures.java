package org.synthstack.jobs.embed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.synthstack.jobs.spark.ProgramRows;

/** Small drum and noise feature tables (ingest- and render-shaped) with structured spectra. */
final class EmbedFixtures {
  static final List<String> LABELS = List.of("kick", "snare", "clap", "hat");

  private EmbedFixtures() {}

  /** Features of class {@code cls} (0..4): a decaying band of energy whose position depends on the class. */
  static Object[] features(int cls, Random rng) {
    float[] env = new float[10];
    float[] freq = new float[50];
    float[][] spec = new float[30][20];
    double level = 0.5 + 0.5 * rng.nextDouble();
    for (int i = 0; i < 10; i++) {
      env[i] = (float) (Math.exp(-i / (1.0 + cls)) * level);
    }
    for (int i = 0; i < 50; i++) {
      freq[i] = (float) (0.1 * rng.nextDouble() + (i / 10 == cls ? 0.8 : 0));
    }
    for (int b = 0; b < 30; b++) {
      for (int t = 0; t < 20; t++) {
        spec[b][t] = (float) (level * Math.exp(-t / (2.0 + cls)) * Math.exp(-Math.pow((b - 6 * cls - 3) / 4.0, 2))
            + 0.05 * rng.nextDouble());
      }
    }
    return new Object[] {env, freq, spec};
  }

  static void writeDrums(SparkSession spark, Path dir, int perClass, long seed) {
    Random rng = new Random(seed);
    StructType schema = new StructType().add("sha256", DataTypes.StringType).add("label", DataTypes.StringType)
        .add("kit", DataTypes.StringType)
        .add(ProgramRows.FEATURES.fields()[0]).add(ProgramRows.FEATURES.fields()[1])
        .add(ProgramRows.FEATURES.fields()[2]);
    List<Row> rows = new ArrayList<>();
    for (int c = 0; c < LABELS.size(); c++) {
      for (int i = 0; i < perClass; i++) {
        Object[] f = features(c, rng);
        rows.add(RowFactory.create("sha" + c + "_" + i, LABELS.get(c), "kit" + (i % 3), f[0], f[1], f[2]));
      }
    }
    spark.createDataFrame(rows, schema).coalesce(2).write().parquet(dir.toString());
  }

  static void writeNoise(SparkSession spark, Path dir, int count, long seed) {
    Random rng = new Random(seed);
    StructType schema = new StructType().add("program_id", DataTypes.StringType)
        .add(ProgramRows.FEATURES.fields()[0]).add(ProgramRows.FEATURES.fields()[1])
        .add(ProgramRows.FEATURES.fields()[2]);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Object[] f = features(4, rng);
      rows.add(RowFactory.create("s9_i" + i, f[0], f[1], f[2]));
    }
    spark.createDataFrame(rows, schema).coalesce(2).write().parquet(dir.toString());
  }
}
