package org.synthstack.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.SparkTestBase;

class CompleteDatasetsTest extends SparkTestBase {
  @TempDir
  Path dir;

  private void write(Path partition, int rows, boolean complete) throws Exception {
    spark.range(rows).toDF("id").write().parquet(partition.toString());
    if (!complete) {
      Files.delete(partition.resolve("_SUCCESS"));
    }
  }

  @Test
  void readsCompletePartitionsNestedToAnyDepthAndKeepsTheirColumns() throws Exception {
    write(dir.resolve("stacks=1/dt=2026-01-01"), 3, true);
    write(dir.resolve("stacks=3/dt=2026-01-01"), 5, true);
    write(dir.resolve("stacks=5/dt=2026-01-01"), 7, false);
    Dataset<Row> all = CompleteDatasets.parquet(spark, "--noise", List.of(dir.toString()));
    assertThat(all.count()).isEqualTo(8);
    assertThat(all.columns()).contains("stacks", "dt");
    assertThat(all.where("stacks = 5").count()).isZero();
  }

  @Test
  void aRootWithoutAnyCompletePartitionIsRefusedByName() throws Exception {
    write(dir.resolve("dt=2026-01-01"), 2, false);
    assertThatThrownBy(() -> CompleteDatasets.parquet(spark, "--drums", List.of(dir.toString())))
        .isInstanceOf(InputException.class).hasMessageContaining("--drums").hasMessageContaining("no complete");
    assertThatThrownBy(() -> CompleteDatasets.parquet(spark, "--drums", List.of(dir.resolve("nope").toString())))
        .isInstanceOf(InputException.class).hasMessageContaining("does not exist");
  }
}
