package org.synthstack.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The files in conf/ stay in step with the code: job configs are accepted by the commands they are for, every
 * spark-defaults template carries the same s3a and committer settings as conf/jobs/s3a.properties, and the scheduling
 * examples start the nightly the way the command line expects.
 */
class ConfTemplatesTest {
  @TempDir
  Path dir;

  private static Path conf() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("conf/jobs"))) {
      p = p.getParent();
    }
    assertThat(p).isNotNull();
    return p.resolve("conf");
  }

  private static Properties properties(Path file) throws Exception {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    return p;
  }

  /** spark-defaults.conf separates key and value by whitespace; Properties accepts that too. */
  private static Properties sparkDefaults(Path file) throws Exception {
    return properties(file);
  }

  @Test
  void theJobConfigsAreAcceptedByTheirCommands() throws Exception {
    Path c = conf().resolve("jobs");
    NightlyCommand nightly = (NightlyCommand) SynthstackCli.commandLine().parseArgs("nightly", "--date",
        "2026-01-31", "--config", c.resolve("s3a.properties").toString(), "--config",
        c.resolve("nightly.properties").toString()).subcommand().commandSpec().userObject();
    assertThat(nightly.out).startsWith("s3a://");
    assertThat(nightly.model).startsWith("s3a://");
    assertThat(nightly.programs).isEqualTo(20_000);
    assertThat(nightly.noiseDb).startsWith("s3a://");
    assertThat(nightly.noiseDbStackSizes.values()).containsExactly(1, 3, 5);
    assertThat(nightly.spark.sparkSettings()).containsEntry("spark.hadoop.fs.s3a.committer.name", "magic")
        .containsEntry("spark.sql.shuffle.partitions", "64");

    RenderCommand render = (RenderCommand) SynthstackCli.commandLine().parseArgs("render", "--date", "2026-01-01",
        "--config", c.resolve("local.properties").toString()).subcommand().commandSpec().userObject();
    assertThat(render.programs).isEqualTo(2000);
    assertThat(render.seed).isEqualTo(7);
    assertThat(render.out).isEqualTo("out/render");
  }

  @Test
  void everySparkDefaultsTemplateHasTheS3aCommitterSettings() throws Exception {
    Properties s3a = properties(conf().resolve("jobs/s3a.properties"));
    List<Path> templates;
    try (Stream<Path> s = Files.list(conf())) {
      templates = s.filter(p -> p.getFileName().toString().matches("spark-defaults\\..+\\.conf")).sorted().toList();
    }
    assertThat(templates).extracting(p -> p.getFileName().toString()).containsExactly(
        "spark-defaults.k8s.conf", "spark-defaults.local.conf", "spark-defaults.standalone.conf",
        "spark-defaults.yarn.conf");
    for (Path t : templates) {
      Properties p = sparkDefaults(t);
      assertThat(p.getProperty("spark.master")).as(t.toString()).isNotBlank();
      for (String key : s3a.stringPropertyNames()) {
        assertThat(p.getProperty(key)).as(t + " " + key).isEqualTo(s3a.getProperty(key));
      }
      // The committer binding is the one the application jar carries.
      Class.forName(p.getProperty("spark.sql.sources.commitProtocolClass"));
      Class.forName(p.getProperty("spark.sql.parquet.output.committer.class"));
      // No credentials in any template.
      assertThat(p.stringPropertyNames()).noneMatch(k -> k.endsWith("access.key") || k.endsWith("secret.key"));
    }
  }

  @Test
  void theSchedulingExamplesRunTheNightlyOneAtATime() throws Exception {
    Path s = conf().resolve("scheduling");
    List<Map<String, Object>> docs = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(s.resolve("synthstack-nightly.scheduledsparkapplication.yaml"))) {
      new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(r).forEach(d -> docs.add(map(d)));
    }
    Map<String, Object> app = docs.stream().filter(d -> "ScheduledSparkApplication".equals(d.get("kind")))
        .findFirst().orElseThrow();
    assertThat(map(app.get("spec")).get("concurrencyPolicy")).isEqualTo("Forbid");
    Map<String, Object> template = map(map(app.get("spec")).get("template"));
    Class.forName((String) template.get("mainClass"));
    List<String> args = new ArrayList<>();
    for (Object a : (List<?>) template.get("arguments")) {
      args.add(String.valueOf(a));
    }
    assertThat(args).startsWith("nightly", "--date", "yesterday");
    // The job config the ConfigMap mounts is one the nightly accepts.
    Map<String, Object> configMap = docs.stream().filter(d -> "ConfigMap".equals(d.get("kind"))).findFirst()
        .orElseThrow();
    Path mounted = dir.resolve("nightly.properties");
    Files.writeString(mounted, (String) map(configMap.get("data")).get("nightly.properties"));
    List<String> parsed = new ArrayList<>(args.subList(0, 3));
    parsed.addAll(List.of("--config", mounted.toString()));
    NightlyCommand nightly = (NightlyCommand) SynthstackCli.commandLine().parseArgs(parsed.toArray(new String[0]))
        .subcommand().commandSpec().userObject();
    assertThat(nightly.date).isEqualTo(LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1));
    assertThat(nightly.model).isNotBlank();

    List<String> cron = Files.readAllLines(s.resolve("synthstack-nightly.crontab")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.contains("=")).toList();
    assertThat(cron).isNotEmpty().allSatisfy(l -> assertThat(l).contains("flock -n ")
        .contains("--class org.synthstack.jobs.cli.SynthstackCli").contains("nightly --date yesterday"));

    String dag = Files.readString(s.resolve("synthstack_nightly_dag.py"));
    assertThat(dag).contains("SparkSubmitOperator(").contains("java_class=\"org.synthstack.jobs.cli.SynthstackCli\"")
        .contains("max_active_runs=1").contains("\"--date\", \"{{ ds }}\"");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }
}
