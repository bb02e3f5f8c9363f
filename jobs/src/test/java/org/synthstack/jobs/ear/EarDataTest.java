package org.synthstack.jobs.ear;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.SparkTestBase;

class EarDataTest extends SparkTestBase {
  @TempDir
  Path dir;

  private Dataset<Row> combined() {
    if (!java.nio.file.Files.exists(dir.resolve("drums"))) {
      EarFixtures.writeDrums(spark, dir.resolve("drums"), 20, 4, 1);
      EarFixtures.writeNoise(spark, dir.resolve("noise"), 30, 2);
    }
    return EarData.combine(spark.read().parquet(dir.resolve("drums").toString()), "checksum",
        spark.read().parquet(dir.resolve("noise").toString()), EarData.MEM_CLASSES);
  }

  @Test
  void combinesDrumsAndNoiseIntoTheMemClassesWithTheFeatureVector() {
    Dataset<Row> data = combined();
    Map<String, Long> counts = new HashMap<>();
    for (Row r : data.groupBy("label").count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    // Toms are merged into kicks, as the paper does.
    assertThat(counts).containsEntry("kick", 40L).containsEntry("snare", 20L).containsEntry("synth_noise", 30L)
        .doesNotContainKey("tom");
    Row kick = data.filter(col("id").equalTo("sha0_3")).first();
    assertThat(kick.<Double>getAs("label_index")).isEqualTo(0.0);
    Vector v = kick.getAs("features");
    assertThat(v.size()).isEqualTo(660);
    Row raw = spark.read().parquet(dir.resolve("drums").toString()).filter(col("checksum").equalTo("sha0_3")).first();
    List<Float> env = raw.getList(raw.fieldIndex("envelope"));
    List<Float> freq = raw.getList(raw.fieldIndex("frequency"));
    assertThat(v.apply(0)).isEqualTo(env.get(0).doubleValue());
    assertThat(v.apply(10)).isEqualTo(freq.get(0).doubleValue());
  }

  @Test
  void originalWeightsAreOneMinusTheClassShare() {
    Dataset<Row> data = combined();
    long[] counts = EarData.classCounts(data, EarData.MEM_CLASSES);
    assertThat(counts).containsExactly(40, 20, 20, 20, 30);
    Row noise = EarData.withWeights(data, counts, EarData.Weighting.ORIGINAL)
        .filter(col("label").equalTo("synth_noise")).first();
    assertThat(noise.<Double>getAs("weight")).isCloseTo((130.0 - 30) / 130, within(1e-12));
    Row kick = EarData.withWeights(data, counts, EarData.Weighting.BALANCED).filter(col("label").equalTo("kick"))
        .first();
    assertThat(kick.<Double>getAs("weight")).isCloseTo(130.0 / (5 * 40), within(1e-12));
  }

  @Test
  void stratifiedFoldsGiveEveryFoldItsShareOfEachClass() {
    Dataset<Row> folded = EarData.withStratifiedFolds(combined(), 3, 7);
    for (Row r : folded.groupBy("label", "fold").count().collectAsList()) {
      long perClass = r.getString(0).equals("kick") ? 40 : r.getString(0).equals("synth_noise") ? 30 : 20;
      assertThat(r.getLong(2)).isBetween(perClass / 3, perClass / 3 + 1);
    }
    // Deterministic for a seed.
    assertThat(EarData.withStratifiedFolds(combined(), 3, 7).orderBy("id").select("id", "fold").collectAsList())
        .isEqualTo(folded.orderBy("id").select("id", "fold").collectAsList());
  }

  @Test
  void kitFoldsKeepEveryKitInOneFold() {
    Dataset<Row> folded = EarData.withKitFolds(combined(), 2, 7);
    List<Row> kitsPerFold = folded.filter(col("label").notEqual("synth_noise"))
        .groupBy("kit").agg(org.apache.spark.sql.functions.countDistinct("fold").as("folds")).collectAsList();
    assertThat(kitsPerFold).hasSize(4).allSatisfy(r -> assertThat(r.getLong(1)).isEqualTo(1));
    assertThatThrownBy(() -> EarData.withKitFolds(combined(), 5, 7)).isInstanceOf(InputException.class)
        .hasMessageContaining("at least 5 kits");
  }

  @Test
  void fewerThanTwoClassesOrMissingColumnsAreRejectedBeforeTraining() {
    EarFixtures.writeDrums(spark, dir.resolve("drums"), 5, 2, 1);
    Dataset<Row> drums = spark.read().parquet(dir.resolve("drums").toString());
    Dataset<Row> noNoise = drums.limit(0).withColumnRenamed("checksum", "program_id").drop("label", "kit", "source");
    Dataset<Row> onlyKicks = drums.filter(col("label").equalTo("kick"));
    assertThatThrownBy(() -> EarData.classCounts(EarData.combine(onlyKicks, "checksum", noNoise,
        EarData.MEM_CLASSES), EarData.MEM_CLASSES)).isInstanceOf(InputException.class)
        .hasMessageContaining("at least two classes");
    assertThatThrownBy(() -> EarData.combine(drums.drop("envelope"), "checksum", noNoise, EarData.MEM_CLASSES))
        .isInstanceOf(InputException.class).hasMessageContaining("missing column 'envelope'");
  }
}
