package org.synthstack.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.jobs.BuildInfo;
import org.synthstack.jobs.SparkTestBase;
import org.synthstack.jobs.ear.Ear;
import org.synthstack.jobs.ear.SmallEar;
import org.synthstack.jobs.generate.GenerateJob;
import org.synthstack.jobs.render.RenderJob;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;

class NightlyJobTest extends SparkTestBase {
  private static final LocalDate DAY = LocalDate.of(2026, 2, 3);

  @TempDir
  static Path dir;
  static Path ear;

  @BeforeAll
  static void trainEar() throws Exception {
    ear = SmallEar.shared(spark);
  }

  private static NightlyJob.Options options(Path out, double minProbability) {
    return new NightlyJob.Options(DAY, out.toString(), ear.toString(), 40, null, StackSizes.parse("1-8"),
        out.toString(), 4, StackSizes.parse("1,3,5"), minProbability, 100, 2, false,
        Map.of("--date", DAY.toString(), "--out", out.toString()));
  }

  /** Every file under {@code root} (hidden ones included) with its modification time. */
  private static Map<String, FileTime> files(Path root) throws IOException {
    Map<String, FileTime> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.getLastModifiedTime(p));
      }
    }
    return files;
  }

  @Test
  void theKeptProgramsHaveTheCatalogedSchema() {
    var rendered = RenderJob.renderRows(spark, new RenderJob.Options(4, 1, DAY, "unused", StackSizes.parse("1-8"),
        false, 1, RenderSettings.DEFAULT), 1, null);
    var kept = GenerateJob.kept(Ear.load(spark, ear.toString()).classify(rendered), new GenerateJob.Options(4, 1, DAY,
        ear.toString(), "unused", 0, StackSizes.parse("1-8"), 1, 10));
    // data-catalog/kept_programs.yaml describes GenerateJob.KEPT (DataCatalogTest); this is what generate writes:
    // the same names and types, nested ones included. Nullability is left out (catalogString has none): whether the
    // ear's columns may be null is the ear's business, and Parquet reads every column back as nullable anyway.
    assertThat(kept.schema().catalogString()).isEqualTo(GenerateJob.KEPT.catalogString());
    assertThat(kept.schema().fieldNames()).containsExactly(GenerateJob.KEPT.fieldNames());
  }

  @Test
  void runsTheDaysStagesThenResumesAfterTheLastCompleteOne() throws Exception {
    Path out = dir.resolve("out");
    NightlyJob.Result first = NightlyJob.run(spark, options(out, 0));
    assertThat(first.ran()).containsExactly("render", "noisedb", "classify", "kits");
    assertThat(first.skipped()).isEmpty();

    // The day's seed is the date written as YYYYMMDD; NoiseDB's stack size S uses -(YYYYMMDD x 10 + S), laid out
    // as data-catalog/noisedb.yaml says (ROOT/noisedb/stacks=S/dt=D).
    Path render = out.resolve("synth_programs/dt=" + DAY);
    assertThat(render.resolve("_SUCCESS")).exists();
    var rows = spark.read().parquet(render.toString());
    assertThat(rows.count()).isEqualTo(40);
    assertThat(rows.select("run_seed").distinct().collectAsList()).extracting(r -> r.getLong(0))
        .containsExactly(20260203L);
    assertThat(rows.filter("program_id = 's20260203_i39'").count()).isEqualTo(1);
    var noise = spark.read().parquet(out.resolve("noisedb").toString());
    assertThat(noise.count()).isEqualTo(12);
    assertThat(noise.groupBy("stacks", "stack_size", "run_seed", "dt").count().orderBy("stacks").collectAsList())
        .extracting(Row::toString).containsExactly("[1,1,-202602031,2026-02-03,4]", "[3,3,-202602033,2026-02-03,4]",
            "[5,5,-202602035,2026-02-03,4]");

    // The manifest: stages, counts, configuration, build.
    JsonNode m = new ObjectMapper().readTree(out.resolve("manifests/dt=" + DAY + "/manifest.json").toFile());
    assertThat(m.get("status").asText()).isEqualTo("complete");
    assertThat(m.get("date").asText()).isEqualTo("2026-02-03");
    assertThat(m.get("attempts").asInt()).isEqualTo(1);
    assertThat(m.get("config").get("seed").asLong()).isEqualTo(20260203L);
    assertThat(m.get("config_sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(m.get("build").get("git_commit").asText()).isEqualTo(BuildInfo.current().gitCommit());
    assertThat(m.get("options").get("--out").asText()).isEqualTo(out.toString());
    assertThat(m.get("stages")).extracting(s -> s.get("name").asText())
        .containsExactly("render", "noisedb", "classify", "kits");
    assertThat(m.get("stages")).allSatisfy(s -> assertThat(s.get("status").asText()).isEqualTo("done"));
    JsonNode classify = m.get("stages").get(2);
    long kept = spark.read().parquet(out.resolve("programs/dt=" + DAY).toString()).count();
    assertThat(classify.get("counts").get("rendered").asLong()).isEqualTo(40);
    assertThat(classify.get("counts").get("kept").asLong()).isEqualTo(kept);
    assertThat(m.get("stages").get(3).get("counts").get("sounds").asLong()).isEqualTo(kept);
    assertThat(m.get("stages").get(0).get("outputs").get(0).asText()).isEqualTo(render.toString());
    assertThat(out.resolve("kits/dt=" + DAY + "/_SUCCESS")).exists();
    assertThat(out.resolve("reports/dt=" + DAY + "/report.md")).exists();

    // A rerun finds everything done and touches nothing.
    Map<String, FileTime> before = files(out);
    before.keySet().removeIf(k -> k.startsWith("manifests"));
    NightlyJob.Result second = NightlyJob.run(spark, options(out, 0));
    assertThat(second.ran()).isEmpty();
    assertThat(second.skipped()).containsExactly("render", "noisedb", "classify", "kits");
    Map<String, FileTime> after = files(out);
    after.keySet().removeIf(k -> k.startsWith("manifests"));
    assertThat(after).isEqualTo(before);

    // An incomplete classify output: render and noisedb stay, classify and kits are redone, to the same rows.
    var keptBefore = spark.read().parquet(out.resolve("programs/dt=" + DAY).toString()).collectAsList();
    Files.delete(out.resolve("programs/dt=" + DAY + "/_SUCCESS"));
    NightlyJob.Result third = NightlyJob.run(spark, options(out, 0));
    assertThat(third.skipped()).containsExactly("render", "noisedb");
    assertThat(third.ran()).containsExactly("classify", "kits");
    Map<String, FileTime> renderFiles = files(render);
    assertThat(renderFiles).isEqualTo(files(render));
    assertThat(spark.read().parquet(out.resolve("programs/dt=" + DAY).toString()).collectAsList())
        .containsExactlyInAnyOrderElementsOf(keptBefore);
    assertThat(new ObjectMapper().readTree(out.resolve("manifests/dt=" + DAY + "/manifest.json").toFile())
        .get("attempts").asInt()).isEqualTo(3);

    // A different configuration redoes every stage.
    NightlyJob.Result fourth = NightlyJob.run(spark, options(out, 0.99));
    assertThat(fourth.ran()).containsExactly("render", "noisedb", "classify", "kits");
    JsonNode m4 = new ObjectMapper().readTree(out.resolve("manifests/dt=" + DAY + "/manifest.json").toFile());
    assertThat(m4.get("config").get("min_probability").asDouble()).isEqualTo(0.99);
    assertThat(m4.get("attempts").asInt()).isEqualTo(1);
    for (Row r : spark.read().parquet(out.resolve("programs/dt=" + DAY).toString()).collectAsList()) {
      assertThat(r.<Double>getAs("probability")).isGreaterThanOrEqualTo(0.99);
    }
  }
}
