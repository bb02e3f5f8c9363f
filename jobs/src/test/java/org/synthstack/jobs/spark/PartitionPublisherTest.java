package org.synthstack.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.jobs.InputException;

class PartitionPublisherTest {
  private static final String DT = "dt=2026-01-01";

  @TempDir
  Path dir;

  private final Configuration conf = FaultyFileSystem.conf();

  @BeforeEach
  @AfterEach
  void reset() {
    FaultyFileSystem.reset();
  }

  private String root() {
    return "faulty://" + dir.toAbsolutePath();
  }

  /** Stages a run's output as Spark would: data files and the committer's _SUCCESS. */
  private PartitionPublisher staged(String content, String committerSuccess) throws IOException {
    PartitionPublisher p = PartitionPublisher.forPartition(root(), DT, conf);
    Path staging = Path.of(p.staging().toUri().getPath());
    Files.createDirectories(staging);
    Files.writeString(staging.resolve("part-00000.parquet"), content);
    Files.writeString(staging.resolve("part-00001.parquet"), content);
    Files.writeString(staging.resolve("_SUCCESS"), committerSuccess);
    return p;
  }

  private Path partition() {
    return dir.resolve(DT);
  }

  private Stream<String> names(Path p) throws IOException {
    return Files.list(p).map(f -> f.getFileName().toString()).sorted();
  }

  @Test
  void theOldPartitionLosesItsSuccessBeforeItMovesAndTheNewGetsItLast() throws Exception {
    staged("old", "").publish();
    assertThat(names(partition())).containsExactly("_SUCCESS", "part-00000.parquet", "part-00001.parquet");
    FaultyFileSystem.RENAMES.clear();

    staged("new", "{\"name\":\"magic\"}").publish();
    // On an object store each of these renames is a copy: the old partition must not look complete while it is
    // half moved, and the new one must not look complete while its files arrive.
    assertThat(FaultyFileSystem.RENAMES).hasSize(3);
    assertThat(FaultyFileSystem.RENAMES.get(0)).contains("/_SUCCESS -> ").contains("/_committer.json");
    assertThat(FaultyFileSystem.RENAMES.get(1)).startsWith(partition() + " -> ").contains("/_trash/" + DT + "/")
        .doesNotContain("(with _SUCCESS)");
    assertThat(FaultyFileSystem.RENAMES.get(2)).contains("/_staging/" + DT + "/").endsWith(" -> " + partition());
    assertThat(Files.readString(partition().resolve("part-00000.parquet"))).isEqualTo("new");
    assertThat(Files.size(partition().resolve("_SUCCESS"))).isZero();
    assertThat(Files.readString(partition().resolve("_committer.json"))).contains("magic");
    assertThat(names(dir)).containsExactly(DT);
  }

  @Test
  void aStoreFailingDuringTheSwapPutsTheOldPartitionBack() throws Exception {
    staged("old", "").publish();
    FaultyFileSystem.failRename = (from, to) -> from.toString().contains("/_staging/");
    PartitionPublisher run = staged("new", "");
    assertThatThrownBy(run::publish).isInstanceOf(PartitionPublisher.PublishException.class)
        .hasMessageContaining("while moving the new output into place")
        .hasMessageContaining("ConnectException: injected").hasMessageContaining("moved back");
    assertThat(names(partition())).containsExactly("_SUCCESS", "part-00000.parquet", "part-00001.parquet");
    assertThat(Files.readString(partition().resolve("part-00000.parquet"))).isEqualTo("old");

    // The job's failure handler abandons the staging; a rerun publishes and sweeps everything else.
    PartitionPublisher.failed(new IOException("x"), run);
    FaultyFileSystem.failRename = null;
    staged("new", "").publish();
    assertThat(Files.readString(partition().resolve("part-00001.parquet"))).isEqualTo("new");
    assertThat(names(dir)).containsExactly(DT);
  }

  @Test
  void aStoreFailingWhileTheOldPartitionMovesLeavesNothingMarkedCompleteAndARerunRecovers() throws Exception {
    staged("old", "").publish();
    FaultyFileSystem.failRename = (from, to) -> to.toString().contains("/_trash/");
    assertThatThrownBy(staged("new", "")::publish).isInstanceOf(PartitionPublisher.PublishException.class)
        .hasMessageContaining("while moving the old partition aside").hasMessageContaining("/_trash/" + DT)
        .hasMessageContaining("rerun");
    // Incomplete, so readers skip it, but its files are still there.
    assertThat(partition().resolve("_SUCCESS")).doesNotExist();
    assertThat(partition().resolve("part-00000.parquet")).exists();

    FaultyFileSystem.failRename = null;
    staged("new", "").publish();
    assertThat(partition().resolve("_SUCCESS")).exists();
    assertThat(Files.readString(partition().resolve("part-00000.parquet"))).isEqualTo("new");
    // The killed run's staging and the failed attempt's leftovers are gone with the successful publish.
    assertThat(names(dir)).containsExactly(DT);
  }

  @Test
  void aFirstPublishThatFailsPublishesNothing() throws Exception {
    FaultyFileSystem.failRename = (from, to) -> true;
    assertThatThrownBy(staged("new", "")::publish).hasMessageContaining("nothing was published");
    assertThat(partition().resolve("_SUCCESS")).doesNotExist();
  }

  @Test
  void failuresBecomeClearErrorsAndInputErrorsStayAsTheyAre() throws Exception {
    PartitionPublisher run = staged("x", "");
    IOException e = PartitionPublisher.failed(new RuntimeException("Job aborted due to stage failure",
        new IllegalStateException("upload failed", new ConnectException("Connection refused"))), run);
    assertThat(e).hasMessageContaining("writing faulty:" + dir.toAbsolutePath() + "/" + DT + " failed")
        .hasMessageContaining("ConnectException: Connection refused").hasMessageContaining("nothing was published");
    assertThat(dir.resolve("_staging")).doesNotExist();
    InputException input = new InputException("--drums: bad");
    assertThatThrownBy(() -> PartitionPublisher.failed(input, staged("y", ""))).isSameAs(input);
  }
}
