package org.synthstack.jobs.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.util.TaskCompletionListener;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.synthstack.audio.WavWriter;
import org.synthstack.jobs.spark.PartitionPublisher;
import org.synthstack.jobs.spark.ProgramRows;
import org.synthstack.synth.Program;
import org.synthstack.synth.ProgramGenerator;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;
import org.synthstack.synth.SynthLimits;

/**
 * Renders random programs across the cluster and writes them, with their ear features, to
 * {@code OUT/dt=DATE/} as Parquet ({@link ProgramRows#SCHEMA}); optionally each sound as a WAV file under
 * {@code OUT/dt=DATE/_wav/}. Program {@code i} of seed {@code s} is always the same program and renders to the same
 * samples, so a rerun for the same date and seed replaces the partition with identical rows.
 */
public final class RenderJob {
  private static final Logger LOG = LoggerFactory.getLogger(RenderJob.class);

  /** Sub-directory of a partition holding its WAV files; the underscore hides it from Parquet readers. */
  public static final String WAV_DIR = "_wav";

  public record Options(long programs, long seed, LocalDate date, String out, StackSizes stackSizes, boolean wav,
      int partitions, RenderSettings settings) {}

  public record Result(String partition, long rows, long silent, double seconds) {}

  private RenderJob() {}

  public static Result run(SparkSession spark, Options options) throws IOException {
    long started = System.nanoTime();
    String partition = "dt=" + options.date();
    PartitionPublisher publisher =
        PartitionPublisher.forPartition(options.out(), partition, spark.sparkContext().hadoopConfiguration());
    int partitions = options.partitions() > 0 ? options.partitions() : defaultPartitions(spark, options.programs());
    String wavDir = options.wav() ? new Path(publisher.staging(), WAV_DIR).toString() : null;
    try {
      renderRows(spark, options, partitions, wavDir).write().parquet(publisher.staging().toString());
      publisher.publish();
    } catch (RuntimeException | IOException e) {
      publisher.abandon();
      throw e;
    }
    // Counts come from the published files, not from accumulators that retried tasks would inflate.
    Dataset<Row> written = spark.read().parquet(publisher.target().toString());
    long rows = written.count();
    long silent = written.filter("silent").count();
    double seconds = (System.nanoTime() - started) / 1e9;
    LOG.info("render: {} programs ({} silent) in {} at {} programs/s", rows, silent, publisher.target(),
        String.format("%.0f", rows / seconds));
    return new Result(publisher.target().toString(), rows, silent, seconds);
  }

  /**
   * Programs 0..N-1 of the seed as rows of {@link ProgramRows#SCHEMA}, rendered lazily by the tasks; with
   * {@code wavDir}, each task also writes its sounds there. One Spark partition per contiguous index range.
   */
  public static Dataset<Row> renderRows(SparkSession spark, Options options, int partitions, String wavDir) {
    Dataset<Long> indices = spark.range(0, options.programs(), 1, partitions);
    return indices.mapPartitions(
        new RenderPartition(options.seed(), options.stackSizes().values(), options.settings(), wavDir,
            new SerializableConfiguration(spark.sparkContext().hadoopConfiguration())),
        Encoders.row(ProgramRows.SCHEMA));
  }

  /** About 2000 programs per task, and at least one task per core. */
  public static int defaultPartitions(SparkSession spark, long programs) {
    long bySize = (programs + 1999) / 2000;
    return (int) Math.max(1, Math.max(bySize, spark.sparkContext().defaultParallelism()));
  }

  /** Renders a partition's program indices lazily, a batch at a time, so memory stays bounded. */
  static final class RenderPartition implements MapPartitionsFunction<Long, Row>, Serializable {
    private static final long serialVersionUID = 1L;

    private final long seed;
    private final int[] stackSizes;
    private final RenderSettings settings;
    private final String wavDir;
    private final SerializableConfiguration hadoopConf;

    RenderPartition(long seed, int[] stackSizes, RenderSettings settings, String wavDir,
        SerializableConfiguration hadoopConf) {
      this.seed = seed;
      this.stackSizes = stackSizes;
      this.settings = settings;
      this.wavDir = wavDir;
      this.hadoopConf = hadoopConf;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> ids) throws IOException {
      ProgramGenerator generator = new ProgramGenerator(StackSizes.of(stackSizes));
      ProgramFeaturizer featurizer = new ProgramFeaturizer(settings);
      FileSystem fs = wavDir == null ? null : wavFileSystem();
      ArrayDeque<Row> ready = new ArrayDeque<>();
      List<Program> programs = new ArrayList<>(ProgramFeaturizer.BATCH);
      long[] batchIndices = new long[ProgramFeaturizer.BATCH];
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          if (ready.isEmpty() && ids.hasNext()) {
            renderNextBatch();
          }
          return !ready.isEmpty();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return ready.poll();
        }

        private void renderNextBatch() {
          programs.clear();
          while (programs.size() < ProgramFeaturizer.BATCH && ids.hasNext()) {
            long index = ids.next();
            batchIndices[programs.size()] = index;
            programs.add(generator.generate(seed, index));
          }
          featurizer.process(programs, batchIndices, rendered -> {
            if (fs != null) {
              writeWav(fs, rendered);
            }
            ready.add(ProgramRows.toRow(seed, rendered.index(), rendered.program(), rendered.features(),
                rendered.stats().peak(), rendered.stats().rms(), rendered.stats().silent()));
          });
        }
      };
    }

    /**
     * A private filesystem instance that writes no {@code .crc} sidecars next to the WAV files a sound designer
     * opens; closed when the task completes.
     */
    private FileSystem wavFileSystem() throws IOException {
      Path dir = new Path(wavDir);
      FileSystem fs = FileSystem.newInstance(dir.toUri(), hadoopConf.value());
      fs.setWriteChecksum(false);
      TaskContext context = TaskContext.get();
      if (context != null) {
        context.addTaskCompletionListener((TaskCompletionListener) done -> closeQuietly(fs));
      }
      return fs;
    }

    private static void closeQuietly(FileSystem fs) {
      try {
        fs.close();
      } catch (IOException e) {
        LOG.warn("closing the WAV filesystem: {}", e.getMessage());
      }
    }

    private void writeWav(FileSystem fs, RenderedProgram rendered) {
      Path path = new Path(wavDir, ProgramRows.programId(seed, rendered.index()) + ".wav");
      try (OutputStream out = fs.create(path, true)) {
        WavWriter.writeMono(out, rendered.audio(), SynthLimits.SAMPLE_RATE, WavWriter.SampleFormat.PCM_24);
      } catch (IOException e) {
        throw new UncheckedIOException("writing " + path + ": " + e.getMessage(), e);
      }
    }
  }
}
