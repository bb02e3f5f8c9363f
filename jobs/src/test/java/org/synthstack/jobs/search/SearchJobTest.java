package org.synthstack.jobs.search;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.SparkTestBase;
import org.synthstack.jobs.ear.EarData;
import org.synthstack.jobs.ear.TinyEar;
import org.synthstack.jobs.kits.KitExporterTest;
import org.synthstack.jobs.render.RenderJob;
import org.synthstack.jobs.spark.ProgramRows;
import org.synthstack.synth.ProgramJson;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;
import org.synthstack.synth.search.SearchMethod;
import org.synthstack.synth.search.TrajectoryPoint;
import org.synthstack.synth.search.VariationSettings;

class SearchJobTest extends SparkTestBase {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 4);

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
    Dataset<Row> drums = singles.withColumn("label", element_at(array(lit("kick"), lit("snare"), lit("clap"),
            lit("hat")), col("program_index").mod(4).plus(1).cast("int")))
        .withColumn("checksum", col("program_id"));
    Dataset<Row> noise = spark.read().parquet(dir.resolve("noise/dt=" + DAY).toString());
    TinyEar.train(spark, drums, noise, "RandomForest", dir.resolve("ear").toString());
    // A contrary second ear: it learnt the eight-submodule programs as drums and the single ones as noise.
    Dataset<Row> contraryDrums = noise.withColumn("label", element_at(array(lit("kick"), lit("snare"), lit("clap"),
        lit("hat")), col("program_index").mod(4).plus(1).cast("int"))).withColumn("checksum", col("program_id"));
    TinyEar.train(spark, contraryDrums, singles, "RandomForest", dir.resolve("contrary").toString());
  }

  private static SearchJob.Options options(String out, String target, long budget, int generation,
      List<SearchMethod> methods, int[] bins, String check, int partitions) {
    return new SearchJob.Options(dir.resolve("ear").toString(), check, target, budget, 9, DAY,
        dir.resolve(out).toString(), methods, generation, List.of("centroid", "decay"), bins, Map.of(),
        StackSizes.parse("1-8"), VariationSettings.DEFAULT, 3, 2, 0.0, partitions, 92);
  }

  @Test
  void searchWritesTheArchiveLoadableKitsAndAReport() throws Exception {
    SearchJob.Result r = SearchJob.run(spark, options("run", "any", 64, 32,
        List.of(SearchMethod.MAP_ELITES, SearchMethod.GA, SearchMethod.RANDOM), new int[] {3, 3},
        dir.resolve("contrary").toString(), 2));
    assertThat(r.runs()).extracting(SearchJob.MethodRun::method)
        .containsExactly(SearchMethod.MAP_ELITES, SearchMethod.GA, SearchMethod.RANDOM);
    for (SearchJob.MethodRun run : r.runs()) {
      TrajectoryPoint last = run.outcome().last();
      assertThat(last.rendered()).isEqualTo(64);
      assertThat(run.outcome().trajectory()).hasSize(2);
    }

    Path archive = dir.resolve("run/archive/dt=" + DAY);
    assertThat(archive.resolve("_SUCCESS")).exists();
    Dataset<Row> rows = spark.read().parquet(archive.toString());
    long occupied = r.runs().stream().mapToLong(m -> m.outcome().archive().occupied().size()).sum();
    assertThat(rows.count()).isEqualTo(occupied).isPositive();
    Dataset<Row> qualified = rows.filter(col("qualified"));
    assertThat(qualified.count()).isPositive();
    // A filled cell holds a drum of its own class, whose fitness is the ear's probability of that class.
    assertThat(qualified.filter(col("ear_label").notEqual(col("layer"))).count()).isZero();
    for (Row q : qualified.collectAsList()) {
      List<String> classes = EarData.MEM_CLASSES;
      List<Double> p = q.getList(q.fieldIndex("class_probabilities"));
      assertThat(q.<Double>getAs("fitness")).isEqualTo(p.get(classes.indexOf(q.<String>getAs("layer"))));
      assertThat(p.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
          org.assertj.core.api.Assertions.within(1e-9));
      assertThat(ProgramJson.parse(q.getAs("program_json")).stackSize()).isEqualTo(q.<Integer>getAs("stack_size"));
    }
    // The second ear's verdicts, counted from the archive table, match the report's agreement.
    for (SearchJob.Agreement a : r.agreement()) {
      Dataset<Row> cell = qualified.filter(col("method").equalTo(a.method()).and(col("layer").equalTo(a.layer())));
      assertThat(cell.count()).isEqualTo(a.kept());
      assertThat(cell.filter(col("check_label").notEqual(EarData.NOISE)).count()).isEqualTo(a.checkedDrum());
      assertThat(cell.filter(col("check_label").equalTo(col("layer"))).count()).isEqualTo(a.sameLabel());
    }
    // What it rejects is written as render rows, ready to join the first ear's noise set.
    Path rejected = dir.resolve("run/rejected/dt=" + DAY);
    assertThat(rejected.resolve("_SUCCESS")).exists();
    Dataset<Row> rejectedRows = spark.read().parquet(rejected.toString());
    assertThat(rejectedRows.schema().fieldNames()).containsExactly(ProgramRows.SCHEMA.fieldNames());
    assertThat(rejectedRows.count()).isPositive().isEqualTo(
        qualified.filter(col("check_label").equalTo(EarData.NOISE)).select("program_id").distinct().count());

    Path kits = dir.resolve("run/kits/dt=" + DAY);
    assertThat(kits.resolve("_SUCCESS")).exists();
    var elites = r.runs().get(0).outcome().archive();
    int exported = 0;
    for (int layer = 0; layer < elites.layers(); layer++) {
      if (elites.filled(layer) > 0) {
        KitExporterTest.assertLoadableKit(kits.resolve(elites.layerName(layer)), elites.layerName(layer),
            elites.filled(layer));
        exported++;
      }
    }
    assertThat(exported).isPositive();

    Path report = dir.resolve("run/reports/dt=" + DAY);
    String md = Files.readString(report.resolve("report.md"));
    assertThat(md).contains("Drums kept per 1000 rendered programs").contains("| map-elites |").contains("| ga |")
        .contains("| random |").contains("Second ear");
    List<String> pngs = new ArrayList<>(List.of("best_fitness.png", "coverage.png", "qd_score.png"));
    for (String cls : List.of("kick", "snare", "clap", "hat")) {
      pngs.add(SearchReport.heatmapName(SearchMethod.MAP_ELITES, cls));
    }
    for (String png : pngs) {
      assertThat(Files.readAllBytes(report.resolve(png))).as(png).startsWith((byte) 0x89, (byte) 'P');
    }
    Dataset<Row> trajectories = spark.read().parquet(report.resolve("trajectories.parquet").toString());
    assertThat(trajectories.count()).isEqualTo(6);
  }

  @Test
  void theArchiveDependsOnTheSeedAndBudgetNotOnPartitioning() throws Exception {
    List<Row> one = archiveOf("p1", 1, null);
    // The second run also checks its picks with the same ear, which must agree with itself.
    List<Row> three = archiveOf("p3", 3, dir.resolve("ear").toString());
    assertThat(one).isNotEmpty().isEqualTo(three);
    Dataset<Row> checked = spark.read().parquet(dir.resolve("p3/archive/dt=" + DAY).toString()).filter(col("qualified"));
    assertThat(checked.count()).isPositive();
    assertThat(checked.filter(col("check_label").notEqual(col("ear_label"))).count()).isZero();
    assertThat(spark.read().parquet(dir.resolve("p3/rejected/dt=" + DAY).toString()).count()).isZero();
  }

  private List<Row> archiveOf(String out, int partitions, String check) throws Exception {
    SearchJob.run(spark, options(out, "kick", 32, 16, List.of(SearchMethod.MAP_ELITES), new int[] {2, 2}, check,
        partitions));
    return spark.read().parquet(dir.resolve(out + "/archive/dt=" + DAY).toString())
        .select("layer", "cell", "program_id", "program_json", "fitness", "qualified", "centroid", "decay")
        .orderBy("layer", "cell").collectAsList();
  }

  @Test
  void badInputIsRejectedBeforeAnythingIsRendered() throws Exception {
    assertThatThrownBy(() -> SearchJob.run(spark, options("bad1", "cowbell", 64, 32, List.of(SearchMethod.GA),
        new int[] {3, 3}, null, 1))).isInstanceOf(InputException.class).hasMessageContaining("unknown label");
    assertThatThrownBy(() -> SearchJob.run(spark, options("bad2", "kick", 31, 32, List.of(SearchMethod.GA),
        new int[] {3, 3}, null, 1))).isInstanceOf(InputException.class)
        .hasMessageContaining("smaller than one generation");
    assertThatThrownBy(() -> SearchJob.run(spark, options("bad3", "kick", 64, 32, List.of(SearchMethod.GA),
        new int[] {0, 3}, null, 1))).isInstanceOf(InputException.class).hasMessageContaining("at least one cell");
    // An ear whose classes lack claps.
    Path noClaps = dir.resolve("ear-no-claps");
    copy(dir.resolve("ear"), noClaps);
    Path json = noClaps.resolve("ear.json");
    Files.writeString(json, Files.readString(json).replace("\"clap\",", ""));
    Files.deleteIfExists(noClaps.resolve(".ear.json.crc"));
    SearchJob.Options lacking = new SearchJob.Options(noClaps.toString(), null, "clap", 64, 9, DAY,
        dir.resolve("bad4").toString(), List.of(SearchMethod.GA), 32, List.of("centroid", "decay"), new int[] {3, 3},
        Map.of(), StackSizes.parse("1-8"), VariationSettings.DEFAULT, 3, 2, 0.0, 1, 92);
    assertThatThrownBy(() -> SearchJob.run(spark, lacking)).isInstanceOf(InputException.class)
        .hasMessageContaining("has no such drum class").hasMessageContaining("[kick, snare, hat, synth_noise]");
    for (String out : List.of("bad1", "bad2", "bad3", "bad4")) {
      assertThat(dir.resolve(out)).doesNotExist();
    }
  }

  private static void copy(Path from, Path to) throws Exception {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
