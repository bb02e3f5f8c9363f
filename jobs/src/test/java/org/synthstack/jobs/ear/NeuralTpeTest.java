package org.synthstack.jobs.ear;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.jobs.SparkTestBase;
import org.synthstack.jobs.spark.CompleteDatasets;

class NeuralTpeTest extends SparkTestBase {
  @TempDir
  Path dir;

  @Test
  void theNeuralTwoPhaseEarSeparatesSeparableClassesOnTheSameFolds() {
    EarFixtures.writeDrums(spark, dir.resolve("drums"), 24, 4, 1);
    EarFixtures.writeNoise(spark, dir.resolve("noise"), 40, 2);
    Dataset<Row> data = EarData.combine(CompleteDatasets.parquet(spark, "--drums", List.of(dir.resolve("drums")
        .toString())), "checksum", CompleteDatasets.parquet(spark, "--noise", List.of(dir.resolve("noise")
        .toString())), EarData.MEM_CLASSES);
    Dataset<Row> folded = EarData.withStratifiedFolds(data, 3, 5);
    List<TrainEarJob.FoldScore> scores = NeuralTpe.evaluate(folded, 3, EarData.MEM_CLASSES, 5, 1e-2, 25);
    assertThat(scores).hasSize(3);
    long total = 0;
    for (TrainEarJob.FoldScore s : scores) {
      assertThat(s.evaluation()).isEqualTo("tpe");
      assertThat(s.model()).isEqualTo(NeuralTpe.NAME);
      // Envelope and frequency carry each class's own level by construction (EarFixtures).
      assertThat(s.confusion().macroF1()).isGreaterThan(0.9);
      total += s.confusion().total();
    }
    // Every sound is tested exactly once over the folds.
    assertThat(total).isEqualTo(data.count());
  }
}
