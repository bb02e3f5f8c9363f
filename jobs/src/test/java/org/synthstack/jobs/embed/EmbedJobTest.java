package org.synthstack.jobs.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.SparkTestBase;
import org.synthstack.jobs.ear.EarData;
import org.synthstack.learn.Autoencoder;
import org.synthstack.learn.AutoencoderSpec;
import org.synthstack.learn.FeatureSettings;
import org.synthstack.learn.ModelType;

class EmbedJobTest extends SparkTestBase {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 22);
  private static final AutoencoderSpec SPEC = new AutoencoderSpec(ModelType.FC, false, 8, 30, 20, 0);

  @TempDir
  static Path dir;

  @BeforeAll
  static void tablesAndModel() throws IOException {
    EmbedFixtures.writeDrums(spark, dir.resolve("drums"), 16, 1);
    EmbedFixtures.writeNoise(spark, dir.resolve("noise"), 24, 2);
    try (Autoencoder ae = Autoencoder.create(SPEC, FeatureSettings.current(), 5)) {
      AutoencoderArtifact.save(ae, dir.resolve("ae").toString(), spark.sparkContext().hadoopConfiguration());
    }
  }

  @Test
  void addsTheEncodersLatentVectorToEveryRowAndLeavesTheInputAlone() throws IOException {
    Map<String, Long> before = listing(dir.resolve("drums"));
    EmbedJob.Result r = EmbedJob.run(spark, new EmbedJob.Options(List.of(dir.resolve("drums").toString()),
        dir.resolve("ae").toString(), dir.resolve("embedded/drums").toString(), DAY));
    assertThat(r.rows()).isEqualTo(64);
    assertThat(Files.exists(dir.resolve("embedded/drums/dt=2026-11-22/_SUCCESS"))).isTrue();
    assertThat(listing(dir.resolve("drums"))).isEqualTo(before);

    var out = spark.read().parquet(r.partition());
    assertThat(out.columns()).contains("sha256", "label", "kit", "envelope", "frequency", "spectrum", "embedding");
    // Each row's embedding is the encoder applied to that row's own spectrum (here on the driver, row by row).
    List<Row> rows = SpectraData.withFlatSpectrum(out, FeatureSettings.current()).collectAsList();
    try (Autoencoder ae = AutoencoderArtifact.open(Files.readAllBytes(dir.resolve("ae/autoencoder.bin")), "ae")) {
      float[] one = new float[600];
      for (Row row : rows) {
        SpectraData.copyFlat(row, FeatureSettings.current(), one, 0);
        List<Float> embedding = row.getList(row.fieldIndex("embedding"));
        float[] expected = ae.encode(one, 1);
        assertThat(embedding).hasSize(8);
        for (int i = 0; i < 8; i++) {
          // A batch of one takes another BLAS path than the job's batches of 256: equal up to rounding.
          assertThat(embedding.get(i)).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-6f));
        }
      }
    }
  }

  @Test
  void theEarsEmbeddingInputsAreTheEnvelopeFollowedByTheEmbedding() throws Exception {
    EmbedJob.run(spark, new EmbedJob.Options(List.of(dir.resolve("drums").toString()), dir.resolve("ae").toString(),
        dir.resolve("e2/drums").toString(), DAY));
    EmbedJob.run(spark, new EmbedJob.Options(List.of(dir.resolve("noise").toString()), dir.resolve("ae").toString(),
        dir.resolve("e2/noise").toString(), DAY));
    var drums = spark.read().parquet(dir.resolve("e2/drums").toString());
    var noise = spark.read().parquet(dir.resolve("e2/noise").toString());
    var combined = EarData.combine(drums, "sha256", noise, EarData.MEM_CLASSES, EarData.Inputs.EMBEDDING);
    assertThat(combined.count()).isEqualTo(64 + 24);
    Map<String, Row> byId = new TreeMap<>();
    for (Row r : drums.collectAsList()) {
      byId.put(r.getString(r.fieldIndex("sha256")), r);
    }
    for (Row r : combined.filter("label != 'synth_noise'").collectAsList()) {
      Row source = byId.get(r.getString(r.fieldIndex("id")));
      double[] features = r.<org.apache.spark.ml.linalg.Vector>getAs("features").toArray();
      List<Float> envelope = source.getList(source.fieldIndex("envelope"));
      List<Float> embedding = source.getList(source.fieldIndex("embedding"));
      assertThat(features).hasSize(18);
      for (int i = 0; i < 10; i++) {
        assertThat(features[i]).isEqualTo(envelope.get(i).doubleValue());
      }
      for (int i = 0; i < 8; i++) {
        assertThat(features[10 + i]).isEqualTo(embedding.get(i).doubleValue());
      }
    }
    // Hand-feature tables have no embedding: asking for it names the missing column.
    assertThatThrownBy(() -> EarData.combine(spark.read().parquet(dir.resolve("drums").toString()), "sha256", noise,
        EarData.MEM_CLASSES, EarData.Inputs.EMBEDDING))
        .isInstanceOf(InputException.class).hasMessageContaining("'embedding'");
  }

  @Test
  void refusesAnOutputInsideTheInput() {
    assertThatThrownBy(() -> EmbedJob.run(spark, new EmbedJob.Options(List.of(dir.resolve("drums").toString()),
        dir.resolve("ae").toString(), dir.resolve("drums/embedded").toString(), DAY)))
        .isInstanceOf(InputException.class).hasMessageContaining("overlaps");
    assertThat(Files.exists(dir.resolve("drums/embedded"))).isFalse();
  }

  @Test
  void refusesAModelTrainedOnOtherSpectra() throws IOException {
    FeatureSettings other = new FeatureSettings(44_100, 2594, 2321, 30, 20, "slaney", "min-max");
    try (Autoencoder ae = Autoencoder.create(SPEC, other, 5)) {
      AutoencoderArtifact.save(ae, dir.resolve("ae44").toString(), spark.sparkContext().hadoopConfiguration());
    }
    assertThatThrownBy(() -> EmbedJob.run(spark, new EmbedJob.Options(List.of(dir.resolve("drums").toString()),
        dir.resolve("ae44").toString(), dir.resolve("e3").toString(), DAY)))
        .isInstanceOf(InputException.class).hasMessageContaining("--autoencoder")
        .hasMessageContaining("sample_rate = 44100").hasMessageContaining("sample_rate = 48000");
    assertThat(Files.exists(dir.resolve("e3"))).isFalse();
  }

  private static Map<String, Long> listing(Path root) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(p -> files.put(root.relativize(p).toString(), p.toFile().length()));
    }
    return files;
  }
}
