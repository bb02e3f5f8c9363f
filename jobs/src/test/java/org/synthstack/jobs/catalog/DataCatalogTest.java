package org.synthstack.jobs.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.audio.AudioDecodeException;
import org.synthstack.jobs.SparkTestBase;
import org.synthstack.jobs.ingest.IngestRows;
import org.synthstack.jobs.render.RenderJob;
import org.synthstack.jobs.spark.ProgramRows;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every descriptor in {@code data-catalog/} parses, has the required keys, and describes the schema the code
 * writes, column by column: the catalog cannot drift from the jobs. NoiseDB's view is run on a real (tiny) render.
 */
class DataCatalogTest extends SparkTestBase {
  static final Path CATALOG = Path.of("../data-catalog");
  static final List<String> REQUIRED = List.of("name", "description", "owner_job", "location", "format",
      "partitioning", "schema_ref", "schema", "provenance", "licence", "build");

  private static Map<String, Map<String, Object>> descriptors;

  @TempDir
  Path tmp;

  @BeforeAll
  static void load() throws IOException {
    descriptors = new TreeMap<>();
    try (Stream<Path> files = Files.list(CATALOG)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        try (Reader r = Files.newBufferedReader(f)) {
          Map<String, Object> d = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
          assertThat(d).as(f.toString()).isNotNull();
          assertThat(d.get("name")).as("%s: name matches the file name", f).isEqualTo(
              f.getFileName().toString().replace(".yaml", ""));
          descriptors.put((String) d.get("name"), d);
        }
      }
    }
  }

  @Test
  void everyDatasetTheProjectUsesOrWritesIsDescribed() {
    assertThat(descriptors).containsOnlyKeys("debian-drums", "freedb", "radardb", "noisedb", "synth_programs",
        "drum_features", "quarantine", "ingest_report", "librivox-speech", "caad_trajectories", "caad_evaluations");
    assertThat(CATALOG.resolve("README.md")).exists();
    assertThat(CATALOG.resolve("debian-drums/build.sh")).isExecutable();
    assertThat(CATALOG.resolve("noisedb/build.sh")).isExecutable();
    assertThat(CATALOG.resolve("librivox-speech/build.sh")).isExecutable();
  }

  @Test
  void everyDescriptorHasTheRequiredKeysAndAConsistentLocation() {
    descriptors.forEach((name, d) -> {
      assertThat(d).as(name).containsKeys(REQUIRED.toArray(String[]::new));
      for (String key : REQUIRED) {
        assertThat(d.get(key)).as("%s.%s", name, key).isNotNull();
        if (d.get(key) instanceof String s) {
          assertThat(s).as("%s.%s", name, key).isNotBlank();
        }
      }
      String location = (String) d.get("location");
      assertThat(location).as(name).startsWith("${root}/");
      String format = (String) d.get("format");
      assertThat(format).as(name).isIn("parquet", "csv", "audio-folder");
      if (!format.equals("parquet")) {
        assertThat(d).as("%s: a %s dataset describes its layout", name, format).containsKey("layout");
      }
      Map<String, Object> partitioning = map(d.get("partitioning"));
      assertThat(partitioning).as(name).containsKeys("columns", "description");
      List<String> partitionColumns = strings(partitioning.get("columns"));
      for (String column : partitionColumns) {
        String variable = column.equals("dt") ? "date" : column;
        assertThat(location).as("%s: partition %s in the location", name, column)
            .contains("/" + column + "=${" + variable + "}/");
      }
      List<String> declared = new ArrayList<>();
      for (Map<String, Object> column : columns(d)) {
        assertThat(column).as(name).containsKeys("name", "type", "description");
        if (Boolean.TRUE.equals(column.get("partition"))) {
          declared.add((String) column.get("name"));
        } else if (!format.equals("audio-folder")) {
          assertThat(column).as("%s.%s", name, column.get("name")).containsKey("nullable");
        }
      }
      assertThat(declared).as("%s: partition columns in the schema", name).isEqualTo(partitionColumns);
    });
  }

  @Test
  void schemasMatchTheCode() throws Exception {
    for (Map.Entry<String, Map<String, Object>> e : descriptors.entrySet()) {
      String name = e.getKey();
      Map<String, Object> d = e.getValue();
      String ref = (String) d.get("schema_ref");
      List<Map<String, Object>> columns = columns(d).stream()
          .filter(c -> !Boolean.TRUE.equals(c.get("partition"))).toList();
      if (ref.equals("none")) {
        assertThat(d.get("format")).as("%s: only user folders have no schema in code", name)
            .isEqualTo("audio-folder");
        continue;
      }
      Object schema = resolve(ref);
      if (schema instanceof StructType struct) {
        compare(name, columns, struct);
      } else {
        List<String> names = strings(schema);
        assertThat(columns).extracting(c -> c.get("name")).as(name).containsExactlyElementsOf(names);
        assertThat(columns).extracting(c -> c.get("type")).as(name).containsOnly("string");
      }
    }
  }

  @Test
  void theQuarantineListsEveryReasonTheCodeCanWrite() {
    Set<String> expected = new LinkedHashSet<>();
    Arrays.stream(AudioDecodeException.Reason.values()).forEach(r -> expected.add(r.name()));
    Arrays.stream(IngestRows.Reason.values()).forEach(r -> expected.add(r.name()));
    assertThat(map(descriptors.get("quarantine").get("reasons")).keySet()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void debianDrumsListsTheLabelsTheRulesMayUse() {
    assertThat(strings(descriptors.get("debian-drums").get("labels"))).isEqualTo(DrumLabels.ALL);
  }

  @Test
  void theNoiseDbViewLabelsARenderLaidOutAsDocumented() throws IOException {
    LocalDate day = LocalDate.of(2026, 1, 2);
    Map<String, Object> noisedb = descriptors.get("noisedb");
    String location = (String) noisedb.get("location");
    for (int stacks : new int[] {1, 3}) {
      // ROOT/noisedb/stacks=S is the render root; render adds dt=DATE.
      String root = location.replace("${root}", tmp.toString()).replace("${stacks}", Integer.toString(stacks))
          .replace("/dt=${date}/", "");
      RenderJob.run(spark, new RenderJob.Options(2, 1000 + stacks, day, root, StackSizes.parse(Integer.toString(stacks)),
          false, 1, RenderSettings.DEFAULT));
    }
    String sql = (String) map(noisedb.get("view")).get("sql");
    spark.sql(sql.replace("${root}", tmp.toString()));
    Dataset<Row> view = spark.table("noisedb");
    List<String> expected = new ArrayList<>(List.of(ProgramRows.SCHEMA.fieldNames()));
    expected.addAll(List.of("stacks", "dt", "label"));
    assertThat(view.schema().fieldNames()).containsExactlyElementsOf(expected);
    // The partition columns have the types the descriptor gives.
    for (Map<String, Object> c : columns(noisedb)) {
      if (Boolean.TRUE.equals(c.get("partition"))) {
        assertThat(view.schema().apply((String) c.get("name")).dataType().simpleString()).isEqualTo(c.get("type"));
      }
    }
    List<Row> rows = view.selectExpr("label", "stacks", "stack_size", "cast(dt as string)").collectAsList();
    assertThat(rows).hasSize(4);
    for (Row r : rows) {
      assertThat(r.getString(0)).isEqualTo("synth_noise");
      assertThat(r.getInt(1)).isEqualTo(r.getInt(2));
      assertThat(r.getString(3)).isEqualTo(day.toString());
    }
  }

  // ---------------------------------------------------------------- helpers

  private static void compare(String where, List<Map<String, Object>> columns, StructType struct) {
    assertThat(columns).extracting(c -> c.get("name")).as(where)
        .containsExactly((Object[]) struct.fieldNames());
    for (int i = 0; i < columns.size(); i++) {
      Map<String, Object> c = columns.get(i);
      StructField f = struct.fields()[i];
      String at = where + "." + f.name();
      assertThat(c.get("nullable")).as(at + " nullable").isEqualTo(f.nullable());
      DataType type = f.dataType();
      if (c.containsKey("fields")) {
        List<Map<String, Object>> nested = list(c.get("fields"));
        if (type instanceof StructType s) {
          assertThat(c.get("type")).as(at).isEqualTo("struct");
          compare(at, nested, s);
        } else if (type instanceof ArrayType a && a.elementType() instanceof StructType s) {
          assertThat(c.get("type")).as(at).isEqualTo("array<struct>");
          compare(at, nested, s);
        } else {
          throw new AssertionError(at + " has nested fields but is " + type.simpleString());
        }
      } else {
        assertThat(c.get("type")).as(at + " type").isEqualTo(type.simpleString());
      }
    }
  }

  private static Object resolve(String ref) throws ReflectiveOperationException {
    String[] parts = ref.split("#");
    assertThat(parts).as(ref).hasSize(2);
    return Class.forName(parts[0]).getField(parts[1]).get(null);
  }

  private static List<Map<String, Object>> columns(Map<String, Object> d) {
    return list(d.get("schema"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Map<String, Object>>) o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<String>) o;
  }
}
