package org.synthstack.jobs.generate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.SparkTestBase;
import org.synthstack.jobs.ear.EarData;
import org.synthstack.jobs.ear.EarModels;
import org.synthstack.jobs.ear.TrainEarJob;
import org.synthstack.jobs.kits.KitExporterTest;
import org.synthstack.jobs.render.RenderJob;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;

class GenerateJobTest extends SparkTestBase {
  private static final LocalDate DAY = LocalDate.of(2026, 2, 3);

  @TempDir
  static Path dir;

  /** A small ear trained to call single-submodule programs drums and eight-submodule programs noise. */
  @BeforeAll
  static void trainEar() throws Exception {
    RenderJob.run(spark, new RenderJob.Options(48, 1, DAY, dir.resolve("singles").toString(), StackSizes.parse("1"),
        false, 2, RenderSettings.DEFAULT));
    RenderJob.run(spark, new RenderJob.Options(30, 2, DAY, dir.resolve("noise").toString(), StackSizes.parse("8"),
        false, 2, RenderSettings.DEFAULT));
    Dataset<Row> singles = spark.read().parquet(dir.resolve("singles/dt=" + DAY).toString());
    singles.withColumn("label", element_at(array(lit("kick"), lit("snare"), lit("clap"), lit("hat")),
            col("program_index").mod(4).plus(1).cast("int")))
        .withColumn("kit", concat(lit("kit"), col("program_index").mod(3).cast("string")))
        .withColumn("checksum", col("program_id"))
        .write().parquet(dir.resolve("drums").toString());
    TrainEarJob.run(spark, new TrainEarJob.Options(List.of(dir.resolve("drums").toString()),
        List.of(dir.resolve("noise").toString()), dir.resolve("ear").toString(), dir.resolve("ear-report").toString(),
        2, 2, 3, EarData.Weighting.ORIGINAL, List.of("RandomForest"), EarModels.Size.QUICK, null, 1000));
  }

  @Test
  void keepsDrumLikeProgramsWritesThemAndExportsLoadableKits() throws Exception {
    GenerateJob.Result r = GenerateJob.run(spark, new GenerateJob.Options(80, 5, DAY,
        dir.resolve("ear").toString(), dir.resolve("gen").toString(), 0.0, StackSizes.parse("1-8"), 2, 100));
    assertThat(r.rendered()).isEqualTo(80);
    assertThat(java.util.Arrays.stream(r.drumProbabilityHistogram()).sum()).isEqualTo(80);
    assertThat(r.kept()).isPositive();
    assertThat(r.keptByLabel().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(r.kept());

    Path programs = dir.resolve("gen/programs/dt=" + DAY);
    assertThat(programs.resolve("_SUCCESS")).exists();
    Dataset<Row> kept = spark.read().parquet(programs.toString());
    assertThat(kept.count()).isEqualTo(r.kept());
    assertThat(kept.filter(col("label").equalTo(EarData.NOISE)).count()).isZero();
    assertThat(kept.filter(col("probability").lt(0).or(col("probability").gt(1))).count()).isZero();

    Path kits = dir.resolve("gen/kits/dt=" + DAY);
    assertThat(kits.resolve("_SUCCESS")).exists();
    for (var e : r.keptByLabel().entrySet()) {
      KitExporterTest.assertLoadableKit(kits.resolve(e.getKey()), e.getKey(), e.getValue().intValue());
    }
    String report = Files.readString(dir.resolve("gen/reports/dt=" + DAY + "/report.md"));
    assertThat(report).contains("Kept per label").contains("all drums | " + r.kept());
  }

  @Test
  void aMissingEarIsRejectedBeforeRendering() {
    assertThatThrownBy(() -> GenerateJob.run(spark, new GenerateJob.Options(10, 1, DAY,
        dir.resolve("no-ear").toString(), dir.resolve("gen2").toString(), 0.0, StackSizes.parse("1-8"), 1, 10)))
        .isInstanceOf(InputException.class).hasMessageContaining("--model");
    assertThat(dir.resolve("gen2")).doesNotExist();
  }
}
