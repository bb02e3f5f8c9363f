package org.synthstack.jobs.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.audio.AudioDecoder;
import org.synthstack.audio.DecodedAudio;
import org.synthstack.jobs.SparkTestBase;
import org.synthstack.jobs.spark.ProgramRows;
import org.synthstack.synth.Program;
import org.synthstack.synth.ProgramGenerator;
import org.synthstack.synth.ProgramJson;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;
import org.synthstack.synth.SynthRenderer;
import org.synthstack.features.EarFeatureExtractor;
import org.synthstack.features.EarFeatures;

class RenderJobTest extends SparkTestBase {
  private static final LocalDate DAY = LocalDate.of(2026, 1, 1);

  @TempDir
  Path root;

  private RenderJob.Result render(long programs, long seed, LocalDate date, boolean wav, int partitions)
      throws IOException {
    return RenderJob.run(spark, new RenderJob.Options(programs, seed, date, root.toString(), StackSizes.parse("1-8"),
        wav, partitions, RenderSettings.DEFAULT));
  }

  private List<Row> rows(LocalDate date) {
    return spark.read().parquet(root.resolve("dt=" + date).toString())
        .orderBy("program_index").collectAsList();
  }

  @Test
  void writesOneCompleteRowPerProgramThatReRendersFromItsProgram() throws IOException {
    RenderJob.Result result = render(70, 7, DAY, false, 3);
    assertThat(result.rows()).isEqualTo(70);
    Path partition = root.resolve("dt=" + DAY);
    assertThat(partition.resolve("_SUCCESS")).exists();
    assertThat(root.resolve("_staging")).doesNotExist();

    Dataset<Row> table = spark.read().parquet(partition.toString());
    assertThat(table.schema().fieldNames()).containsExactly(ProgramRows.SCHEMA.fieldNames());
    List<Row> rows = rows(DAY);
    assertThat(rows).extracting(r -> r.getLong(r.fieldIndex("program_index")))
        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 70).boxed().toList());

    ProgramGenerator generator = new ProgramGenerator(StackSizes.parse("1-8"));
    SynthRenderer renderer = new SynthRenderer(RenderSettings.DEFAULT);
    EarFeatureExtractor extractor = new EarFeatureExtractor();
    for (int i : new int[] {0, 33, 69}) {
      Row row = rows.get(i);
      Program expected = generator.generate(7, i);
      assertThat(ProgramRows.program(row.getStruct(row.fieldIndex("program")))).isEqualTo(expected);
      assertThat(ProgramJson.parse(row.getString(row.fieldIndex("program_json")))).isEqualTo(expected);
      assertThat(row.getString(row.fieldIndex("program_id"))).isEqualTo("s7_i" + i);
      assertThat(row.getInt(row.fieldIndex("stack_size"))).isEqualTo(expected.stackSize());
      EarFeatures features = extractor.extract(renderer.render(expected));
      assertThat(toFloats(row.getList(row.fieldIndex("envelope")))).isEqualTo(features.envelope());
      assertThat(toFloats(row.getList(row.fieldIndex("frequency")))).isEqualTo(features.frequency());
      List<scala.collection.Seq<Float>> spectrum = row.getList(row.fieldIndex("spectrum"));
      assertThat(spectrum).hasSize(30);
      assertThat(toFloats(scala.jdk.javaapi.CollectionConverters.asJava(spectrum.get(29))))
          .isEqualTo(features.spectrum()[29]);
    }
  }

  @Test
  void aRerunReplacesOnlyItsPartitionWithIdenticalRows() throws IOException {
    render(40, 11, DAY, false, 2);
    LocalDate other = DAY.plusDays(1);
    render(10, 12, other, false, 1);
    List<Row> first = rows(DAY);
    List<Path> otherFiles = files(root.resolve("dt=" + other));
    long otherModified = Files.getLastModifiedTime(otherFiles.get(0)).toMillis();

    render(40, 11, DAY, false, 4);
    assertThat(rows(DAY)).isEqualTo(first);
    assertThat(files(root.resolve("dt=" + other))).isEqualTo(otherFiles);
    assertThat(Files.getLastModifiedTime(otherFiles.get(0)).toMillis()).isEqualTo(otherModified);
    assertThat(root.resolve("_trash")).doesNotExist();
    // Reading the whole dataset sees both partitions and the date column.
    assertThat(spark.read().parquet(root.toString()).count()).isEqualTo(50);
  }

  @Test
  void wavFilesDecodeToTheRenderedSoundNextToTheParquet() throws Exception {
    render(5, 3, DAY, true, 1);
    Path wavs = root.resolve("dt=" + DAY).resolve(RenderJob.WAV_DIR);
    try (Stream<Path> list = Files.list(wavs)) {
      assertThat(list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()))
          .containsExactly("s3_i0.wav", "s3_i1.wav", "s3_i2.wav", "s3_i3.wav", "s3_i4.wav");
    }
    DecodedAudio audio = AudioDecoder.decode(Files.readAllBytes(wavs.resolve("s3_i2.wav")), "s3_i2.wav");
    assertThat(audio.sampleRate()).isEqualTo(48_000);
    assertThat(audio.frameCount()).isEqualTo(48_000);
    double[] expected = new SynthRenderer(RenderSettings.DEFAULT)
        .render(new ProgramGenerator(StackSizes.parse("1-8")).generate(3, 2));
    for (int n = 0; n < 48_000; n++) {
      // 24-bit PCM: rounding to the nearest step, with full scale written as 2^23 - 1 and read back over 2^23.
      assertThat(Math.abs(audio.channels()[0][n] - expected[n])).isLessThanOrEqualTo(1.5 / (1 << 23));
    }
    assertThat(spark.read().parquet(root.resolve("dt=" + DAY).toString()).count()).isEqualTo(5);
  }

  private static float[] toFloats(List<Float> list) {
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().collect(Collectors.toList());
    }
  }
}
