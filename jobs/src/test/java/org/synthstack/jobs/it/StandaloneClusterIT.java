package org.synthstack.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synthstack.jobs.SparkTestBase;
import org.synthstack.jobs.ear.SmallEar;
import org.synthstack.jobs.generate.GenerateJob;
import org.synthstack.jobs.render.RenderJob;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;

/**
 * A real Spark standalone cluster on loopback, from the Maven jars alone: a Master and two Workers (one core each) as
 * separate JVMs, with a Spark-home whose jars/ links the dependencies and SPARK_SCALA_VERSION=2.13. The shaded
 * application jar is submitted with SparkSubmit, as spark-submit would, and its output is compared row for row with a
 * local run of the same seed. One executor is killed (SIGKILL) while it renders: Spark retries its task elsewhere and
 * the output still holds every program exactly once.
 */
class StandaloneClusterIT extends SparkTestBase {
  private static final LocalDate DAY = LocalDate.of(2026, 4, 1);
  private static final String CLI = "org.synthstack.jobs.cli.SynthstackCli";
  private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)");

  private static Path work;
  private static Path sparkHome;
  private static Map<String, String> env;
  private static ChildJvm master;
  private static final List<ChildJvm> workers = new ArrayList<>();
  private static String masterUrl;

  @BeforeAll
  static void startCluster() throws Exception {
    work = ItEnv.workDir("cluster");
    sparkHome = work.resolve("spark-home");
    Path jars = Files.createDirectories(sparkHome.resolve("jars"));
    for (Path jar : ItEnv.clusterJars()) {
      String name = jar.getFileName().toString();
      // No S3 here: the AWS SDK bundle (~560 MB) stays out of these JVMs.
      if (!name.startsWith("bundle-") && !name.startsWith("hadoop-aws-") && !name.startsWith("wildfly-openssl")) {
        Files.createSymbolicLink(jars.resolve(name), jar);
      }
    }
    // The Worker builds each executor's command line from SPARK_HOME and SPARK_SCALA_VERSION; SPARK_LOCAL_IP keeps
    // every daemon and web UI on loopback.
    env = Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13", "SPARK_LOCAL_IP", "127.0.0.1");
    master = daemon("master", "org.apache.spark.deploy.master.Master",
        List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0"));
    masterUrl = master.awaitOutput(MASTER_URL, Duration.ofMinutes(3));
    for (int i = 1; i <= 2; i++) {
      Path dir = Files.createDirectories(work.resolve("worker-" + i));
      workers.add(daemon("worker-" + i, "org.apache.spark.deploy.worker.Worker", List.of("--host", "127.0.0.1",
          "--cores", "1", "--memory", "1g", "--work-dir", dir.toString(), "--webui-port", "0", masterUrl)));
    }
    ChildJvm.await("two workers to register", x -> registeredWorkers() == 2, Duration.ofMinutes(3));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    // Workers first (each stops its executors), then the master; every close waits for the processes to exit.
    for (ChildJvm w : workers) {
      w.close();
    }
    if (master != null) {
      master.close();
    }
    for (ChildJvm w : workers) {
      assertThat(w.isAlive()).isFalse();
      assertThat(w.handle().descendants().filter(ProcessHandle::isAlive).count()).isZero();
    }
  }

  private static ChildJvm daemon(String name, String mainClass, List<String> args) throws IOException {
    List<String> jvm = new ArrayList<>(List.of("-Xmx256m"));
    jvm.addAll(ItEnv.javaModuleOptions());
    return ChildJvm.java(name, work.resolve(name + ".log"), env, jvm, sparkHome.resolve("jars") + "/*", mainClass,
        args);
  }

  private static long registeredWorkers() {
    try {
      return Pattern.compile("Registering worker 127\\.0\\.0\\.1:").matcher(master.output()).results().count();
    } catch (IOException e) {
      return 0;
    }
  }

  /** spark-submit of the shaded jar in client mode: the driver is this child, the executors run under the Workers. */
  private static ChildJvm submit(String name, String... args) throws IOException {
    List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
    jvm.addAll(ItEnv.javaModuleOptions());
    jvm.add("-Dlog4j2.configurationFile=" + ItEnv.home().resolve("conf/log4j2.properties"));
    String app = ItEnv.appJar().toString();
    List<String> submit = new ArrayList<>(List.of("--master", masterUrl, "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.executor.memory=768m", "--conf", "spark.ui.enabled=false", "--class", CLI, app));
    submit.addAll(Arrays.asList(args));
    return ChildJvm.java(name, work.resolve(name + ".log"), env, jvm, app + ":" + sparkHome.resolve("jars") + "/*",
        "org.apache.spark.deploy.SparkSubmit", submit);
  }

  /** The executors the Workers have started, oldest first. */
  private static List<ProcessHandle> executors() {
    return workers.stream().flatMap(w -> w.handle().descendants())
        .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
        .sorted(java.util.Comparator.comparing(p -> p.info().startInstant().orElse(java.time.Instant.MAX))).toList();
  }

  /** A render task has opened its output: it is rendering now. */
  private static boolean renderTaskRunning(Path root) {
    Path staging = root.resolve("_staging");
    if (!Files.isDirectory(staging)) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(staging)) {
      return walk.anyMatch(p -> p.getFileName().toString().startsWith("attempt_") && Files.isDirectory(p));
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  @Test
  void renderOnTheClusterHasTheLocalRowsEvenWhenAnExecutorDiesMidRender() throws Exception {
    int programs = 400;
    Path clusterOut = work.resolve("render-cluster");
    ProcessHandle killed;
    try (ChildJvm driver = submit("render-submit", "render", "--programs", String.valueOf(programs), "--seed", "11",
        "--date", DAY.toString(), "--out", clusterOut.toString(), "--partitions", "4")) {
      ChildJvm.await("a render task to start", x -> renderTaskRunning(clusterOut), Duration.ofMinutes(5));
      killed = executors().get(0);
      killed.destroyForcibly();
      killed.onExit().join();
      assertThat(driver.waitFor(Duration.ofMinutes(10))).as(driver.output()).isZero();
      String log = driver.output();
      assertThat(log).contains("wrote " + programs + " programs");
      // The write stage lost at least one task attempt with the executor, and Spark retried it.
      Matcher stage = Pattern.compile("stage \\d+ \\(parquet at RenderJob\\.java:\\d+\\) done: 4 tasks, (\\d+) failed "
          + "task attempts").matcher(log);
      assertThat(stage.find()).as(log).isTrue();
      assertThat(Integer.parseInt(stage.group(1))).as(log).isPositive();
    }
    assertThat(killed.isAlive()).isFalse();

    // Exactly programs 0..N-1, once each.
    Path partition = clusterOut.resolve("dt=" + DAY);
    assertThat(partition.resolve("_SUCCESS")).exists();
    Dataset<Row> cluster = spark.read().parquet(partition.toString());
    assertThat(cluster.select("program_index").collectAsList()).extracting(r -> r.getLong(0))
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, programs).boxed().toList());

    // The same rows as local[*] with the same seed.
    RenderJob.run(spark, new RenderJob.Options(programs, 11, DAY, work.resolve("render-local").toString(),
        StackSizes.parse("1-8"), false, 3, RenderSettings.DEFAULT));
    Dataset<Row> local = spark.read().parquet(work.resolve("render-local/dt=" + DAY).toString());
    assertThat(cluster.count()).isEqualTo(local.count());
    assertThat(cluster.exceptAll(local).count()).isZero();
    assertThat(local.exceptAll(cluster).count()).isZero();
  }

  @Test
  void generateOnTheClusterKeepsAndExportsWhatALocalRunDoes() throws Exception {
    Path ear = SmallEar.shared(spark);
    Path clusterOut = work.resolve("generate-cluster");
    try (ChildJvm driver = submit("generate-submit", "generate", "--programs", "120", "--seed", "12", "--date",
        DAY.toString(), "--model", ear.toString(), "--out", clusterOut.toString(), "--partitions", "4",
        "--max-kit-sounds", "60")) {
      assertThat(driver.waitFor(Duration.ofMinutes(10))).as(driver.output()).isZero();
      assertThat(driver.output()).contains("kept ");
    }
    Path localOut = work.resolve("generate-local");
    GenerateJob.Result r = GenerateJob.run(spark, new GenerateJob.Options(120, 12, DAY, ear.toString(),
        localOut.toString(), 0.0, StackSizes.parse("1-8"), 2, 60));

    Dataset<Row> cluster = spark.read().parquet(clusterOut.resolve("programs/dt=" + DAY).toString());
    Dataset<Row> local = spark.read().parquet(localOut.resolve("programs/dt=" + DAY).toString());
    assertThat(cluster.count()).isEqualTo(r.kept());
    assertThat(cluster.exceptAll(local).count()).isZero();
    assertThat(local.exceptAll(cluster).count()).isZero();
    // The kits: the same files, byte for byte (WAV, program JSON, drumkit.xml, SFZ).
    Map<String, byte[]> clusterKits = files(clusterOut.resolve("kits/dt=" + DAY));
    Map<String, byte[]> localKits = files(localOut.resolve("kits/dt=" + DAY));
    assertThat(clusterKits.keySet()).isEqualTo(localKits.keySet()).anyMatch(k -> k.endsWith(".wav"));
    for (String k : localKits.keySet()) {
      assertThat(clusterKits.get(k)).as(k).isEqualTo(localKits.get(k));
    }
  }

  private static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }
}
