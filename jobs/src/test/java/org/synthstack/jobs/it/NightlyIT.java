package org.synthstack.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.synthstack.jobs.SparkTestBase;
import org.synthstack.jobs.ear.SmallEar;
import org.synthstack.jobs.nightly.NightlyJob;
import org.synthstack.synth.StackSizes;

/**
 * The nightly job killed (SIGKILL) right after a stage completes, then run again: it resumes after the last completed
 * stage and ends with the same data as a run that was never interrupted. The killed and resumed runs go through the
 * launcher (jobs/bin/synthstack), as cron would start them.
 */
class NightlyIT extends SparkTestBase {
  private static final LocalDate DAY = LocalDate.of(2026, 5, 6);

  @Test
  void killedAfterAStageItResumesAndEndsWithTheDataOfAnUninterruptedRun() throws Exception {
    Path work = ItEnv.workDir("nightly");
    Path ear = SmallEar.shared(spark);

    // The reference: the same day, uninterrupted, in this JVM.
    Path straight = work.resolve("straight");
    NightlyJob.Result reference = NightlyJob.run(spark, new NightlyJob.Options(DAY, straight.toString(),
        ear.toString(), 300, null, StackSizes.parse("1-8"), straight.toString(), 20,
        StackSizes.parse("1,3,5"), 0.0, 100, 2, false, Map.of()));
    assertThat(reference.ran()).containsExactly("render", "noisedb", "classify", "kits");

    Path out = work.resolve("killed");
    Path manifest = out.resolve("manifests/dt=" + DAY + "/manifest.json");
    List<String> command = new ArrayList<>(List.of(ItEnv.home().resolve("jobs/bin/synthstack").toString(),
        "nightly", "--date", DAY.toString(), "--out", out.toString(), "--model", ear.toString(), "--programs", "300",
        "--noisedb", out.toString(), "--noisedb-programs", "20", "--max-kit-sounds", "100",
        "--partitions", "2", "--master", "local[2]"));
    Map<String, String> env = Map.of("SYNTHSTACK_JAVA_OPTS", "-Xmx1g");

    JsonNode atKill;
    try (ChildJvm nightly = ChildJvm.start("nightly (killed)", work.resolve("nightly-killed.log"), env, command)) {
      ChildJvm.await("the render stage to complete", x -> stageDone(manifest, "render"), Duration.ofMinutes(10));
      nightly.kill();
      atKill = read(manifest);
    }
    assertThat(atKill.get("status").asText()).isEqualTo("running");
    assertThat(out.resolve("kits/dt=" + DAY + "/_SUCCESS")).doesNotExist();
    Path render = out.resolve("synth_programs/dt=" + DAY);
    Map<String, FileTime> renderFiles = modified(render);

    try (ChildJvm nightly = ChildJvm.start("nightly (rerun)", work.resolve("nightly-rerun.log"), env, command)) {
      assertThat(nightly.waitFor(Duration.ofMinutes(10))).as(nightly.output()).isZero();
      String log = nightly.output();
      assertThat(log).contains("stage render (1/4) already done").containsPattern("ran \\[.*kits\\], skipped "
          + "\\[render.*\\] \\(already done\\)");
    }
    // Resumed, not redone: the render partition is the killed run's, untouched.
    assertThat(modified(render)).isEqualTo(renderFiles);
    JsonNode done = read(manifest);
    assertThat(done.get("status").asText()).isEqualTo("complete");
    assertThat(done.get("attempts").asInt()).isEqualTo(2);
    assertThat(done.get("stages").get(0).get("finished")).isEqualTo(atKill.get("stages").get(0).get("finished"));
    assertThat(done.get("stages")).allSatisfy(s -> assertThat(s.get("status").asText()).isEqualTo("done"));
    assertThat(done.get("config_sha256").asText()).isEqualTo(atKill.get("config_sha256").asText());

    // The same data as the uninterrupted run: every dataset row for row, every kit file byte for byte.
    for (String dataset : List.of("synth_programs/dt=" + DAY, "noisedb", "programs/dt=" + DAY)) {
      Dataset<Row> a = spark.read().parquet(straight.resolve(dataset).toString());
      Dataset<Row> b = spark.read().parquet(out.resolve(dataset).toString());
      assertThat(b.count()).as(dataset).isEqualTo(a.count()).isPositive();
      assertThat(a.exceptAll(b).count()).as(dataset).isZero();
      assertThat(b.exceptAll(a).count()).as(dataset).isZero();
    }
    assertThat(bytes(out.resolve("kits/dt=" + DAY))).isEqualTo(bytes(straight.resolve("kits/dt=" + DAY)));
    assertThat(Files.readString(out.resolve("reports/dt=" + DAY + "/report.md")))
        .isEqualTo(Files.readString(straight.resolve("reports/dt=" + DAY + "/report.md")));
    // Counts in the manifest agree with the reference run's.
    JsonNode ref = new ObjectMapper().readTree(reference.manifest().toJson());
    for (int i = 0; i < 4; i++) {
      assertThat(done.get("stages").get(i).get("counts")).isEqualTo(ref.get("stages").get(i).get("counts"));
    }
    // Nothing left over from the killed attempt.
    try (Stream<Path> walk = Files.walk(out)) {
      assertThat(walk.map(Path::toString)).noneMatch(p -> p.contains("/_staging") || p.contains("/_trash"));
    }
  }

  private static boolean stageDone(Path manifest, String stage) {
    try {
      JsonNode m = read(manifest);
      for (JsonNode s : m.get("stages")) {
        if (s.get("name").asText().equals(stage) && s.get("status").asText().equals("done")) {
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static JsonNode read(Path manifest) throws IOException {
    return new ObjectMapper().readTree(Files.readAllBytes(manifest));
  }

  private static Map<String, FileTime> modified(Path root) throws IOException {
    Map<String, FileTime> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.getLastModifiedTime(p));
      }
    }
    return files;
  }

  private static Map<String, String> bytes(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return files;
  }
}
