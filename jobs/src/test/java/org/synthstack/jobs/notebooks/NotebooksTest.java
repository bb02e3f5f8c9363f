package org.synthstack.jobs.notebooks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.jobs.SparkTestBase;
import org.synthstack.jobs.ear.SmallEar;
import org.synthstack.jobs.ear.TrainEarJob;
import org.synthstack.jobs.render.RenderJob;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Zeppelin notes in notebooks/: valid JSON in Zeppelin 0.12's note format, unique paragraph ids, every dataset
 * read at its data-catalog location, and every SQL paragraph run against small fixture tables on a local session,
 * with the notes' form defaults (the root forms and the date point at the fixtures).
 *
 * <p>A view's path is a catalog location with its {@code ${root}} replaced by a note form named after the writing
 * job's output option (render_out, generate_out, ear_report...) and {@code ${date}} by the note form date.
 */
class NotebooksTest extends SparkTestBase {
  private static final LocalDate DAY = LocalDate.of(2026, 1, 1);
  /** A note form, {@code $${name=default}}, or a paragraph form, {@code ${name=default}}. */
  private static final Pattern FORM = Pattern.compile("(\\$?)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:=([^}]*))?\\}");
  private static final Pattern VIEW = Pattern.compile(
      "CREATE OR REPLACE TEMPORARY VIEW (\\w+)\\s+USING parquet\\s+OPTIONS \\(path '([^']+)'\\)");

  /**
   * Datasets the notes read whose jobs have not landed, so the catalog cannot describe them yet (its test resolves
   * every schema in code). When one lands with a descriptor, this test fails until the note reads it from there.
   */
  private static final Set<String> PENDING = Set.of("improv_table1", "improv_loss_curves");

  @TempDir
  static Path root;

  /** Where each root form points during the test. */
  private static Map<String, String> roots() {
    return Map.of("render_out", root.resolve("render").toString(), "generate_out", root.resolve("gen").toString(),
        "ear_report", root.resolve("ear-report").toString(), "caad_out", root.resolve("caad").toString(),
        "improv_report", root.resolve("improv").toString(), "date", DAY.toString(),
        "listen_base", "https://example.org/synthstack");
  }

  private static Path repo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("notebooks"))) {
      p = p.getParent();
    }
    assertThat(p).as("the repository root (with notebooks/)").isNotNull();
    return p;
  }

  private static List<Path> notes() throws IOException {
    try (Stream<Path> s = Files.list(repo().resolve("notebooks"))) {
      return s.filter(p -> p.toString().endsWith(".zpln")).sorted().toList();
    }
  }

  /** Small tables at the catalog's locations under {@link #root}, for the date the notes default to. */
  @BeforeAll
  static void fixtures() throws Exception {
    String r = root.toString();
    RenderJob.run(spark, new RenderJob.Options(24, 20260101L, DAY, r + "/render", StackSizes.parse("1-8"),
        false, 2, RenderSettings.DEFAULT));
    Dataset<Row> programs = spark.read().parquet(r + "/render/dt=" + DAY);
    SmallEar.drums(programs)
        .withColumn("probability", lit(0.5).plus(col("program_index").divide(100.0)))
        .withColumn("drum_probability", col("probability"))
        .select("program_id", "run_seed", "program_index", "stack_size", "program", "program_json", "label",
            "probability", "drum_probability", "peak", "rms")
        .write().parquet(r + "/gen/programs/dt=" + DAY);

    StructType metrics = TrainEarJob.METRICS;
    List<Row> m = new ArrayList<>();
    for (String model : List.of("RandomForest", "LogisticRegression")) {
      for (int fold = 0; fold < 3; fold++) {
        for (String metric : List.of("accuracy", "macro_f1", "dvn_accuracy", "f1_kick", "f1_snare")) {
          m.add(RowFactory.create("cv", model, fold, metric, 0.6 + 0.1 * fold));
        }
      }
    }
    spark.createDataFrame(m, metrics).write().parquet(r + "/ear-report/metrics.parquet");
    StructType confusion = TrainEarJob.CONFUSION;
    List<Row> c = new ArrayList<>();
    for (String t : List.of("kick", "snare", "synth_noise")) {
      for (String p : List.of("kick", "snare", "synth_noise")) {
        c.add(RowFactory.create("cv", "RandomForest", t, p, t.equals(p) ? 9L : 1L));
      }
    }
    spark.createDataFrame(c, confusion).write().parquet(r + "/ear-report/confusion.parquet");

    StructType trajectories = new StructType().add("experiment", DataTypes.StringType)
        .add("problem", DataTypes.StringType).add("method", DataTypes.StringType)
        .add("repetition", DataTypes.IntegerType).add("iteration", DataTypes.IntegerType)
        .add("objective_evaluations", DataTypes.IntegerType).add("estimate_value", DataTypes.DoubleType)
        .add("distance", DataTypes.DoubleType);
    List<Row> t = new ArrayList<>();
    for (String method : List.of("DIRECT", "REGO")) {
      for (int rep = 0; rep < 3; rep++) {
        for (int it = 1; it <= 5; it++) {
          double d = Math.pow(method.equals("REGO") ? 0.2 : 0.5, it) * (1 + rep);
          t.add(RowFactory.create("verify", "branin", method, rep, it, it * 7, 0.397887 + d, d));
        }
      }
    }
    spark.createDataFrame(t, trajectories).write().parquet(r + "/caad/trajectories");

    StructType table = new StructType().add("row", DataTypes.IntegerType).add("optimizer", DataTypes.StringType)
        .add("learning_rate", DataTypes.DoubleType).add("decay", DataTypes.DoubleType)
        .add("momentum", DataTypes.DoubleType).add("nesterov", DataTypes.BooleanType)
        .add("min_validation_loss", DataTypes.DoubleType).add("best_epoch", DataTypes.IntegerType)
        .add("epochs", DataTypes.IntegerType).add("stopped_early", DataTypes.BooleanType)
        .add("diverged", DataTypes.BooleanType).add("windows_trained", DataTypes.LongType)
        .add("train_seconds", DataTypes.DoubleType).add("windows_per_second", DataTypes.DoubleType)
        .add("mean_feature_distance", DataTypes.DoubleType).add("resemblance", DataTypes.DoubleType)
        .add("dt_mean_error_ms", DataTypes.DoubleType).add("dt_sd_error_ms", DataTypes.DoubleType)
        .add("dt_distance_ms", DataTypes.DoubleType)
        .add("feature_distance", DataTypes.createArrayType(DataTypes.DoubleType))
        .add("model", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create(1, "adam", 1e-3, null, null, null, 1.2, 40, 55, true, false, 1000L, 10.0, 100.0, 0.1,
        0.9, 1.0, 2.0, 3.0, new double[] {0.1, 0.2}, "m1"));
    rows.add(RowFactory.create(2, "sgd", 1e-2, 1e-4, 0.9, true, 1.5, 30, 60, false, false, 1000L, 10.0, 100.0, 0.2,
        0.8, 1.5, 2.5, 3.5, new double[] {0.2, 0.3}, "m2"));
    spark.createDataFrame(rows, table).write().parquet(r + "/improv/table1.parquet");
    StructType curves = new StructType().add("row", DataTypes.IntegerType).add("epoch", DataTypes.IntegerType)
        .add("train_loss", DataTypes.DoubleType).add("validation_loss", DataTypes.DoubleType);
    List<Row> cv = new ArrayList<>();
    for (int row = 1; row <= 2; row++) {
      for (int e = 1; e <= 4; e++) {
        cv.add(RowFactory.create(row, e, 2.0 / e, 2.2 / e));
      }
    }
    spark.createDataFrame(cv, curves).write().parquet(r + "/improv/loss_curves.parquet");
  }

  @Test
  void everyNoteIsAZeppelinNoteWithUniqueParagraphIds() throws Exception {
    List<Path> notes = notes();
    assertThat(notes).hasSizeGreaterThanOrEqualTo(4);
    Set<String> noteIds = new HashSet<>();
    Set<String> paragraphIds = new HashSet<>();
    for (Path note : notes) {
      JsonNode n = new ObjectMapper().readTree(note.toFile());
      String id = n.get("id").asText();
      assertThat(noteIds.add(id)).as("note id %s unique", id).isTrue();
      // Zeppelin 0.10+ names a note file <name>_<id>.zpln and reads the id from it.
      assertThat(note.getFileName().toString()).endsWith("_" + id + ".zpln");
      assertThat(n.get("name").asText()).isNotBlank();
      assertThat(n.get("defaultInterpreterGroup").asText()).isEqualTo("spark");
      assertThat(n.get("paragraphs").isArray()).isTrue();
      assertThat(n.get("paragraphs")).hasSizeGreaterThan(2);
      for (JsonNode p : n.get("paragraphs")) {
        String pid = p.get("id").asText();
        assertThat(pid).as(note + " paragraph id").matches("paragraph_\\d+_\\d+");
        assertThat(paragraphIds.add(pid)).as("paragraph id %s unique", pid).isTrue();
        assertThat(p.get("text").asText()).as(pid).matches("(?s)%(md|spark\\.sql|sql|spark|spark\\.pyspark)\\b.*");
        assertThat(p.get("config").get("editorMode").asText()).startsWith("ace/mode/");
        assertThat(p.get("status").asText()).isEqualTo("READY");
      }
    }
  }

  @Test
  void everyDatasetIsReadAtItsCatalogLocation() throws Exception {
    Map<String, String> catalog = catalogLocations();
    Set<String> read = new HashSet<>();
    for (Path note : notes()) {
      for (JsonNode p : new ObjectMapper().readTree(note.toFile()).get("paragraphs")) {
        Matcher v = VIEW.matcher(p.get("text").asText());
        while (v.find()) {
          String dataset = v.group(1);
          read.add(dataset);
          Matcher forms = FORM.matcher(v.group(2));
          List<String> roots = new ArrayList<>();
          String template = forms.replaceAll(f -> {
            assertThat(f.group(1)).as("%s: %s uses note forms ($${...}), shared by the note", note, dataset)
                .isEqualTo("$");
            if (!f.group(2).equals("date")) {
              roots.add(f.group(2));
            }
            return Matcher.quoteReplacement(f.group(2).equals("date") ? "${date}" : "${root}");
          });
          assertThat(roots).as("%s: one root form in %s", note.getFileName(), v.group(2)).hasSize(1);
          if (PENDING.contains(dataset)) {
            assertThat(catalog).as("%s is in the catalog now: read it from there", dataset).doesNotContainKey(dataset);
          } else {
            assertThat(catalog).as("%s: dataset %s in data-catalog/", note.getFileName(), dataset)
                .containsEntry(dataset, template);
          }
        }
      }
    }
    assertThat(read).contains("synth_programs", "kept_programs", "ear_metrics", "ear_confusion").containsAll(PENDING);
  }

  @Test
  void everySqlParagraphRunsOnTheFixtures() throws Exception {
    Map<String, String> values = roots();
    int ran = 0;
    for (Path note : notes()) {
      for (JsonNode p : new ObjectMapper().readTree(note.toFile()).get("paragraphs")) {
        String text = p.get("text").asText();
        Matcher head = Pattern.compile("^%(spark\\.sql|sql)\\s").matcher(text);
        if (!head.find()) {
          continue;
        }
        String sql = FORM.matcher(text.substring(head.end())).replaceAll(f -> Matcher.quoteReplacement(
            values.getOrDefault(f.group(2), f.group(3) == null ? "" : f.group(3))));
        String id = note.getFileName() + " " + p.get("id").asText() + " (" + p.path("title").asText() + ")";
        List<Row> result = spark.sql(sql).collectAsList();
        // A view definition returns nothing; every query must return rows. Leading "--" comment lines don't count.
        String statement = sql.replaceAll("(?m)^\\s*--.*$", "").strip();
        if (!statement.toUpperCase().startsWith("CREATE")) {
          assertThat(result).as(id + " returns rows on the fixtures").isNotEmpty();
        }
        ran++;
      }
    }
    assertThat(ran).isGreaterThanOrEqualTo(20);
    // The listening links point at the kit WAV of each kept program.
    Row link = spark.sql("SELECT * FROM kept_programs").limit(1).collectAsList().get(0);
    assertThat(link.<String>getAs("program_id")).startsWith("s20260101_i");
  }

  /** Commands the notes name whose jobs have not landed, as {@link #PENDING} datasets. */
  private static final Set<String> PENDING_COMMANDS = Set.of();

  @Test
  void everyNoteNamesTheCommandsThatWriteItsData() throws Exception {
    Set<String> registered = new picocli.CommandLine(new org.synthstack.jobs.cli.SynthstackCli()).getSubcommands()
        .keySet();
    for (String pending : PENDING_COMMANDS) {
      assertThat(registered).as("%s is a command now: drop it from PENDING_COMMANDS", pending)
          .doesNotContain(pending);
    }
    Pattern code = Pattern.compile("`([a-z][a-z-]*)(?: [a-z][a-z-]*)?`");
    for (Path note : notes()) {
      Set<String> named = new java.util.TreeSet<>();
      for (JsonNode p : new ObjectMapper().readTree(note.toFile()).get("paragraphs")) {
        if (p.get("text").asText().startsWith("%md")) {
          Matcher m = code.matcher(p.get("text").asText());
          while (m.find()) {
            if (registered.contains(m.group(1)) || PENDING_COMMANDS.contains(m.group(1))) {
              named.add(m.group(1));
            }
          }
        }
      }
      // Each note says which command writes what it reads; a renamed or removed command fails here.
      assertThat(named).as("%s names the commands behind its data", note.getFileName()).isNotEmpty();
    }
    // The notes on the ear and the programs name the real commands.
    assertThat(registered).contains("render", "train-ear", "generate", "nightly", "caad", "improv");
  }

  /** Dataset name to location template, from data-catalog/*.yaml. */
  private static Map<String, String> catalogLocations() throws IOException {
    Map<String, String> locations = new TreeMap<>();
    try (Stream<Path> s = Files.list(repo().resolve("data-catalog"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        try (var r = Files.newBufferedReader(f)) {
          Map<?, ?> d = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
          locations.put(String.valueOf(d.get("name")), String.valueOf(d.get("location")));
        }
      }
    }
    return locations;
  }
}
