package org.synthstack.jobs.ear;

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

/** Small feature tables whose classes are separable by construction, for the ear's tests. */
final class EarFixtures {
  static final List<String> DRUMS = List.of("kick", "snare", "clap", "hat", "tom");

  private EarFixtures() {}

  /** Features: a class-specific level in a class-specific slice of each array, plus noise. */
  static Object[] features(int cls, Random rng) {
    float[] env = new float[10];
    float[] freq = new float[50];
    float[][] spec = new float[30][20];
    for (int i = 0; i < 10; i++) {
      env[i] = (float) (0.2 * rng.nextDouble() + (i % 5 == cls % 5 ? 0.7 : 0));
    }
    for (int i = 0; i < 50; i++) {
      freq[i] = (float) (0.2 * rng.nextDouble() + (i / 10 == cls % 5 ? 0.7 : 0));
    }
    for (int b = 0; b < 30; b++) {
      for (int t = 0; t < 20; t++) {
        spec[b][t] = (float) (0.3 * rng.nextDouble() + (b / 6 == cls % 5 ? 0.5 : 0));
      }
    }
    return new Object[] {env, freq, spec};
  }

  /** Drums with labels kick..hat and tom (merged into kick), spread over {@code kits} kits. */
  static void writeDrums(SparkSession spark, Path dir, int perClass, int kits, long seed) {
    Random rng = new Random(seed);
    StructType schema = new StructType().add("checksum", DataTypes.StringType).add("label", DataTypes.StringType)
        .add("kit", DataTypes.StringType).add("source", DataTypes.StringType)
        .add(ProgramRows.FEATURES.fields()[0]).add(ProgramRows.FEATURES.fields()[1])
        .add(ProgramRows.FEATURES.fields()[2]);
    List<Row> rows = new ArrayList<>();
    for (int c = 0; c < DRUMS.size(); c++) {
      int cls = c == 4 ? 0 : c;
      for (int i = 0; i < perClass; i++) {
        Object[] f = features(cls, rng);
        rows.add(RowFactory.create("sha" + c + "_" + i, DRUMS.get(c), "kit" + (i % kits), "pkg", f[0], f[1], f[2]));
      }
    }
    spark.createDataFrame(rows, schema).coalesce(2).write().parquet(dir.toString());
  }

  /** Noise rows shaped like render output (program_id + features). */
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
