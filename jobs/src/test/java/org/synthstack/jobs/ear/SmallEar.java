package org.synthstack.jobs.ear;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.render.RenderJob;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;

/**
 * A small ear for tests of the jobs that use one (as in GenerateJobTest): single-submodule programs labelled as the
 * four drums, eight-submodule programs as noise, a quick random forest.
 */
public final class SmallEar {
  private static Path shared;

  private SmallEar() {}

  /**
   * The same ear, trained once per test JVM: training is seeded, so every caller would get identical files, and on a
   * loaded 2-core machine a training takes minutes. It lives in a temporary directory removed when the JVM exits.
   */
  public static synchronized Path shared(SparkSession spark) throws IOException {
    if (shared == null) {
      Path dir = java.nio.file.Files.createTempDirectory("synthstack-small-ear");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      shared = train(spark, dir);
    }
    return shared;
  }

  private static void deleteTree(Path dir) {
    try (var walk = java.nio.file.Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // Best effort at JVM exit: a leftover temporary directory is harmless.
    }
  }

  /** Trains it under {@code dir} and returns the ear's directory. */
  public static Path train(SparkSession spark, Path dir) throws IOException {
    LocalDate day = LocalDate.of(2026, 1, 1);
    RenderJob.run(spark, new RenderJob.Options(48, 1, day, dir.resolve("singles").toString(), StackSizes.parse("1"),
        false, 2, RenderSettings.DEFAULT));
    RenderJob.run(spark, new RenderJob.Options(30, 2, day, dir.resolve("noise").toString(), StackSizes.parse("8"),
        false, 2, RenderSettings.DEFAULT));
    Dataset<Row> singles = spark.read().parquet(dir.resolve("singles/dt=" + day).toString());
    drums(singles).write().parquet(dir.resolve("drums").toString());
    Path ear = dir.resolve("ear");
    TrainEarJob.run(spark, new TrainEarJob.Options(List.of(dir.resolve("drums").toString()),
        List.of(dir.resolve("noise").toString()), ear.toString(), dir.resolve("ear-report").toString(), 2, 2, 3,
        EarData.Weighting.ORIGINAL, List.of("RandomForest"), EarModels.Size.QUICK, null, 1000));
    return ear;
  }

  /** Render rows labelled round-robin as kick, snare, clap and hat, in three kits, with a checksum: ingest's shape. */
  public static Dataset<Row> drums(Dataset<Row> renderRows) {
    return renderRows.withColumn("label", element_at(array(lit("kick"), lit("snare"), lit("clap"), lit("hat")),
            col("program_index").mod(4).plus(1).cast("int")))
        .withColumn("kit", concat(lit("kit"), col("program_index").mod(3).cast("string")))
        .withColumn("checksum", col("program_id"));
  }
}
