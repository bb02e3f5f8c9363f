package org.synthstack.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.synthstack.jobs.cli.CliRunner;
import org.synthstack.jobs.kits.KitExporterTest;

/**
 * The jobs on s3a:// against a real S3 server (S3Proxy in its own JVM, filesystem backend, loopback), with the
 * committer settings of conf/jobs/s3a.properties: render, ingest of an audio folder uploaded to the bucket, train-ear
 * and generate; a rerun; and the server killed in the middle of a write.
 *
 * <p>Everything is checked on the server's disk (the filesystem backend stores each object as a file under its
 * key), independently of s3a. Credentials are random per run and reach s3a only through the AWS SDK's default chain:
 * system properties in this JVM, the environment in child processes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3aIT {
  private static final String BUCKET = "synthstack";
  private static final String S3 = "s3a://" + BUCKET;
  private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

  private static Path work;
  private static S3ProxyServer s3;
  private static Path config;

  @BeforeAll
  static void startS3() throws Exception {
    work = ItEnv.workDir("s3a");
    s3 = S3ProxyServer.start(work.resolve("s3proxy"), BUCKET);
    // The shipped s3a settings (credentials provider, magic committer), plus this server's endpoint and, for a
    // quick failure when the server is gone, few retries.
    List<String> lines = new ArrayList<>(Files.readAllLines(ItEnv.home().resolve("conf/jobs/s3a.properties")));
    s3.s3aSettings().forEach((k, v) -> lines.add(k + " = " + v));
    lines.add("spark.hadoop.fs.s3a.retry.limit = 1");
    lines.add("spark.hadoop.fs.s3a.retry.interval = 100ms");
    lines.add("spark.hadoop.fs.s3a.attempts.maximum = 1");
    lines.add("spark.sql.shuffle.partitions = 4");
    config = work.resolve("s3a-it.properties");
    Files.write(config, lines);
    System.setProperty("aws.accessKeyId", s3.accessKey());
    System.setProperty("aws.secretAccessKey", s3.secretKey());
  }

  @AfterAll
  static void stopS3() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (s3 != null) {
      s3.close();
    }
  }

  private static CliRunner.Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", config.toString(), "--master", "local[2]"));
    CliRunner.Run r = CliRunner.run(all.toArray(new String[0]));
    assertThat(r.exitCode()).as("%s\n%s", all, r.err()).isZero();
    assertThat(r.err()).doesNotContain(s3.secretKey());
    return r;
  }

  private static Path bucket() {
    return s3.bucketDir(BUCKET);
  }

  /** The rows of a published partition, read from the server's disk with a local session. */
  private static List<Row> rows(SparkSession local, String key, String... columns) {
    Dataset<Row> d = local.read().parquet(bucket().resolve(key).toString());
    return d.select(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length)).collectAsList();
  }

  /** Object files under a key prefix, with their sizes (S3Proxy keeps empty directories; those are not objects). */
  private static Map<String, Long> objects(String prefix) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    Path root = bucket().resolve(prefix);
    if (!Files.exists(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.size(p));
      }
    }
    return files;
  }

  /** No object of a staging directory, an old partition moved aside or a magic committer's pending data is left. */
  private static void assertNoLeftovers() throws IOException {
    assertThat(objects("").keySet()).noneMatch(k -> k.contains("_staging/") || k.contains("_trash/")
        || k.contains("__magic"));
  }

  private static SparkSession localSession() {
    return SparkSession.builder().master("local[2]").appName("s3a-it-check")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
  }

  private static List<String> renderSingles(int programs) {
    return List.of("render", "--programs", String.valueOf(programs), "--seed", "1", "--stack-sizes", "1", "--date",
        DAY.toString(), "--out", S3 + "/singles", "--partitions", "4");
  }

  @Test
  @Order(1)
  void renderIngestTrainEarAndGenerateOnS3a() throws Exception {
    CliRunner.Run r = run(renderSingles(48).toArray(new String[0]));
    assertThat(r.err()).contains("--out = " + S3 + "/singles  [command line]")
        .contains("spark.sql.sources.commitProtocolClass = org.apache.spark.internal.io.cloud.PathOutputCommitProtocol");
    run("render", "--programs", "30", "--seed", "2", "--stack-sizes", "8", "--date", DAY.toString(), "--out",
        S3 + "/noise", "--partitions", "2");

    // A small audio folder, laid out <label>/<kit>/<file>.wav, uploaded to the bucket; ingest reads it from there.
    uploadAudio(S3 + "/audio");
    CliRunner.Run ingest = run("ingest", "--in", S3 + "/audio", "--out", S3 + "/drums", "--date", DAY.toString());
    assertThat(ingest.out()).contains("32 files");
    run("train-ear", "--drums", S3 + "/drums/features", "--noise", S3 + "/noise", "--model", S3 + "/ear", "--report",
        S3 + "/ear-report", "--folds", "2", "--kit-folds", "2", "--models", "RandomForest", "--quick");
    run("generate", "--programs", "60", "--seed", "5", "--date", DAY.toString(), "--model", S3 + "/ear", "--out",
        S3 + "/gen", "--partitions", "2", "--max-kit-sounds", "40");

    SparkSession local = localSession();
    try {
      // Complete: exactly programs 0..47, published with _SUCCESS, written by the magic committer.
      assertThat(bucket().resolve("singles/dt=" + DAY + "/_SUCCESS")).exists();
      assertThat(rows(local, "singles/dt=" + DAY, "program_index")).extracting(x -> x.getLong(0))
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 48).boxed().toList());
      assertThat(Files.readString(bucket().resolve("singles/dt=" + DAY + "/_committer.json")))
          .containsPattern("\"committer\"\\s*:\\s*\"magic\"");
      assertThat(rows(local, "noise/dt=" + DAY, "program_id")).hasSize(30);
      // Ingest: every uploaded sound, with its label and kit.
      assertThat(bucket().resolve("drums/features/dt=" + DAY + "/_SUCCESS")).exists();
      Map<String, Long> perLabel = new TreeMap<>();
      for (Row x : rows(local, "drums/features/dt=" + DAY, "label", "kit")) {
        perLabel.merge(x.getString(0) + "/" + x.getString(1), 1L, Long::sum);
      }
      assertThat(perLabel).hasSize(8).allSatisfy((k, v) -> assertThat(v).isEqualTo(4L));
      // The ear and its report.
      assertThat(bucket().resolve("ear/_SUCCESS")).exists();
      assertThat(Files.readString(bucket().resolve("ear/ear.json"))).contains("RandomForest");
      assertThat(bucket().resolve("ear/pipeline")).isDirectory();
      assertThat(Files.readString(bucket().resolve("ear-report/report.md"))).contains("RandomForest");
      // Generate: kept programs, loadable kits, the report.
      assertThat(bucket().resolve("gen/programs/dt=" + DAY + "/_SUCCESS")).exists();
      assertThat(bucket().resolve("gen/kits/dt=" + DAY + "/_SUCCESS")).exists();
      Map<String, Integer> perKit = new TreeMap<>();
      List<Row> kept = local.read().parquet(bucket().resolve("gen/programs/dt=" + DAY).toString())
          .orderBy(org.apache.spark.sql.functions.col("probability").desc(), org.apache.spark.sql.functions.col(
              "program_id")).limit(40).select("label").collectAsList();
      kept.forEach(x -> perKit.merge(x.getString(0), 1, Integer::sum));
      assertThat(perKit).isNotEmpty();
      for (var e : perKit.entrySet()) {
        KitExporterTest.assertLoadableKit(bucket().resolve("gen/kits/dt=" + DAY + "/" + e.getKey()), e.getKey(),
            e.getValue());
      }
      assertThat(Files.readString(bucket().resolve("gen/reports/dt=" + DAY + "/report.md"))).contains("Kept per label");
    } finally {
      local.stop();
    }
    assertNoLeftovers();
  }

  @Test
  @Order(2)
  void aRerunReplacesThePartitionWithTheSameRows() throws Exception {
    SparkSession local = localSession();
    List<Row> before;
    try {
      before = rows(local, "singles/dt=" + DAY, "program_id", "program_json", "peak", "rms", "envelope", "frequency");
    } finally {
      local.stop();
    }
    Map<String, Long> filesBefore = objects("singles/dt=" + DAY);

    run(renderSingles(48).toArray(new String[0]));

    local = localSession();
    try {
      assertThat(rows(local, "singles/dt=" + DAY, "program_id", "program_json", "peak", "rms", "envelope",
          "frequency")).containsExactlyInAnyOrderElementsOf(before);
    } finally {
      local.stop();
    }
    Map<String, Long> filesAfter = objects("singles/dt=" + DAY);
    assertThat(filesAfter).containsKey("_SUCCESS").hasSameSizeAs(filesBefore);
    assertThat(filesAfter.keySet().stream().filter(k -> k.startsWith("part-")).count()).isEqualTo(4);
    assertNoLeftovers();
  }

  @Test
  @Order(3)
  void theServerDyingMidWriteFailsClearlyPublishesNothingAndARerunCompletes() throws Exception {
    Map<String, Long> published = objects("singles/dt=" + DAY);
    Path launcher = ItEnv.home().resolve("jobs/bin/synthstack");
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(renderSingles(2000));
    command.addAll(List.of("--config", config.toString(), "--master", "local[2]"));
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
        "SYNTHSTACK_JAVA_OPTS", "-Xmx1g");

    Path staging = bucket().resolve("singles/_staging/dt=" + DAY);
    try (ChildJvm job = ChildJvm.start("render (server killed)", work.resolve("render-killed.log"), env, command)) {
      // The write job has set up its magic committer: tasks are rendering and uploading. Now the store goes away.
      ChildJvm.await("the write job to start", x -> magicJobStarted(staging), Duration.ofMinutes(5));
      s3.kill();
      int code = job.waitFor(Duration.ofMinutes(5));
      String output = job.output();
      assertThat(code).as(output).isEqualTo(1);
      assertThat(output).contains("render: failed").contains("writing " + S3 + "/singles/dt=" + DAY + " failed")
          .contains("nothing was published")
          .contains("HttpHostConnectException: Connect to 127.0.0.1:" + s3.port());
      assertThat(output).doesNotContain(s3.secretKey());
    }
    // What was published before is untouched: same objects, still complete.
    assertThat(objects("singles/dt=" + DAY)).isEqualTo(published);

    s3.restart();
    try (ChildJvm job = ChildJvm.start("render (rerun)", work.resolve("render-rerun.log"), env, command)) {
      assertThat(job.waitFor(Duration.ofMinutes(10))).as(job.output()).isZero();
      assertThat(job.output()).contains("wrote 2000 programs").doesNotContain(s3.secretKey());
    }
    SparkSession local = localSession();
    try {
      assertThat(rows(local, "singles/dt=" + DAY, "program_index")).extracting(x -> x.getLong(0))
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 2000).boxed().toList());
    } finally {
      local.stop();
    }
    assertThat(bucket().resolve("singles/dt=" + DAY + "/_SUCCESS")).exists();
    assertNoLeftovers();
  }

  /** 4 labels x 2 kits x 4 one-shots, 0.3 s, 16-bit 48 kHz, each label its own kind of sound. */
  private static void uploadAudio(String dir) throws Exception {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    for (String line : Files.readAllLines(config)) {
      if (line.startsWith("spark.hadoop.")) {
        conf.set(line.substring("spark.hadoop.".length(), line.indexOf('=')).trim(),
            line.substring(line.indexOf('=') + 1).trim());
      }
    }
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
    org.apache.hadoop.fs.FileSystem fs = root.getFileSystem(conf);
    for (String label : List.of("kick", "snare", "clap", "hat")) {
      for (int kit = 0; kit < 2; kit++) {
        for (int i = 0; i < 4; i++) {
          byte[] wav = org.synthstack.audio.WavWriter.toBytes(new double[][] {oneShot(label, kit * 4 + i)}, 48_000,
              org.synthstack.audio.WavWriter.SampleFormat.PCM_16);
          try (var out = fs.create(new org.apache.hadoop.fs.Path(root, label + "/kit" + kit + "/" + i + ".wav"))) {
            out.write(wav);
          }
        }
      }
    }
  }

  private static double[] oneShot(String label, int i) {
    int n = 14_400;
    java.util.SplittableRandom rng = new java.util.SplittableRandom(31L * label.hashCode() + i);
    double[] x = new double[n];
    double previous = 0;
    for (int k = 0; k < n; k++) {
      double t = k / 48_000.0;
      double noise = rng.nextDouble() * 2 - 1;
      x[k] = switch (label) {
        case "kick" -> Math.exp(-12 * t) * Math.sin(2 * Math.PI * (48 + 2 * i) * t);
        case "snare" -> Math.exp(-20 * t) * (0.5 * Math.sin(2 * Math.PI * (185 + 3 * i) * t) + 0.5 * noise);
        case "clap" -> Math.exp(-40 * (t % 0.012 + (t > 0.036 ? t - 0.036 : 0))) * noise;
        default -> Math.exp(-(50 + i) * t) * (noise - previous) * 0.5;
      };
      previous = noise;
    }
    return x;
  }

  private static boolean magicJobStarted(Path staging) {
    if (!Files.isDirectory(staging)) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(staging, 2)) {
      return walk.anyMatch(p -> p.getFileName().toString().startsWith("__magic_job-"));
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }
}
