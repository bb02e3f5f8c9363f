package org.synthstack.jobs.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.synthstack.jobs.ear.Ear;
import org.synthstack.jobs.kits.KitExporter;
import org.synthstack.jobs.kits.KitSound;
import org.synthstack.jobs.render.RenderJob;
import org.synthstack.jobs.report.MarkdownTable;
import org.synthstack.jobs.report.Plots;
import org.synthstack.jobs.report.ReportWriter;
import org.synthstack.jobs.spark.PartitionPublisher;
import org.synthstack.jobs.spark.ProgramRows;
import org.synthstack.synth.Program;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;
import org.synthstack.synth.SynthRenderer;

/**
 * Renders random programs, lets the ear classify them and keeps the drum-like ones (seed 000 §5): the kept
 * programs with label and probabilities go to {@code OUT/programs/dt=DATE/}, kits a sampler can load to
 * {@code OUT/kits/dt=DATE/<label>/}, and a report with the kept fraction per label and the distribution of drum
 * probabilities over everything rendered to {@code OUT/reports/dt=DATE/}.
 *
 * <p>A program is kept when the ear's most probable class is a drum and that class's probability is at least
 * {@code minProbability}. The probability histogram is reported because an ear trained against NoiseDB learns the
 * generator's fingerprint and may keep almost nothing (domain notes §3); the histogram shows how close the near
 * misses came.
 */
public final class GenerateJob {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);
  private static final int HISTOGRAM_BINS = 20;

  public record Options(long programs, long seed, LocalDate date, String modelDir, String out,
      double minProbability, StackSizes stackSizes, int partitions, int maxKitSounds) {}

  public record Result(long rendered, long kept, Map<String, Long> keptByLabel, long[] drumProbabilityHistogram,
      String programs, String kits, String report, double seconds) {}

  private GenerateJob() {}

  public static Result run(SparkSession spark, Options o) throws IOException {
    long started = System.nanoTime();
    // The ear is checked before anything is rendered.
    Ear ear = Ear.load(spark, o.modelDir());
    String partition = "dt=" + o.date();
    var conf = spark.sparkContext().hadoopConfiguration();
    PartitionPublisher programs = PartitionPublisher.forPartition(o.out() + "/programs", partition, conf);
    PartitionPublisher kits = PartitionPublisher.forPartition(o.out() + "/kits", partition, conf);
    PartitionPublisher reports = PartitionPublisher.forPartition(o.out() + "/reports", partition, conf);
    int partitions = o.partitions() > 0 ? o.partitions() : RenderJob.defaultPartitions(spark, o.programs());
    RenderJob.Options render = new RenderJob.Options(o.programs(), o.seed(), o.date(), o.out(), o.stackSizes(),
        false, partitions, RenderSettings.DEFAULT);
    // Render and classify once; the aggregates, the kept rows and the kits all read this.
    Dataset<Row> classified = ear.classify(RenderJob.renderRows(spark, render, partitions, null))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long rendered = classified.count();
      long[] histogram = drumProbabilityHistogram(classified);
      Dataset<Row> kept = classified.filter(col("is_drum").and(col("ear_probability").geq(o.minProbability())))
          .select(col("program_id"), col("run_seed"), col("program_index"), col("stack_size"), col("program"),
              col("program_json"), col("ear_label").as("label"), col("ear_probability").as("probability"),
              col("drum_probability"), col("peak"), col("rms"));
      kept.write().parquet(programs.staging().toString());
      Map<String, Long> keptByLabel = new TreeMap<>();
      for (Row r : kept.groupBy("label").agg(count(lit(1))).collectAsList()) {
        keptByLabel.put(r.getString(0), r.getLong(1));
      }
      long keptCount = keptByLabel.values().stream().mapToLong(Long::longValue).sum();
      exportKits(spark, kept, kits.staging(), o);
      writeReport(spark, reports.staging().toString(), o, rendered, keptByLabel, histogram, ear);
      programs.publish();
      kits.publish();
      reports.publish();
      double seconds = (System.nanoTime() - started) / 1e9;
      LOG.info("generate: kept {} of {} programs ({} per 1000) in {} s", keptCount, rendered,
          String.format(Locale.ROOT, "%.2f", 1000.0 * keptCount / rendered), String.format(Locale.ROOT, "%.1f", seconds));
      return new Result(rendered, keptCount, keptByLabel, histogram, programs.target().toString(),
          kits.target().toString(), reports.target().toString(), seconds);
    } catch (IOException | RuntimeException e) {
      programs.abandon();
      kits.abandon();
      reports.abandon();
      throw e;
    } finally {
      classified.unpersist();
    }
  }

  private static long[] drumProbabilityHistogram(Dataset<Row> classified) {
    long[] bins = new long[HISTOGRAM_BINS];
    Dataset<Row> binned = classified.select(least(floor(col("drum_probability").multiply(HISTOGRAM_BINS)),
        lit(HISTOGRAM_BINS - 1)).cast("int").as("bin")).groupBy("bin").count();
    for (Row r : binned.collectAsList()) {
      bins[r.getInt(0)] = r.getLong(1);
    }
    return bins;
  }

  /** Re-renders the kept programs (bit-identical) on the driver and writes one kit per label, best first. */
  private static void exportKits(SparkSession spark, Dataset<Row> kept, Path staging, Options o) throws IOException {
    List<Row> rows = kept.orderBy(col("probability").desc(), col("program_id")).limit(o.maxKitSounds())
        .select("program_id", "label", "probability", "program").collectAsList();
    Map<String, List<Row>> byLabel = new TreeMap<>();
    for (Row r : rows) {
      byLabel.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r);
    }
    FileSystem fs = staging.getFileSystem(spark.sparkContext().hadoopConfiguration());
    fs.mkdirs(staging);
    SynthRenderer renderer = new SynthRenderer(RenderSettings.DEFAULT);
    for (Map.Entry<String, List<Row>> e : byLabel.entrySet()) {
      List<KitSound> sounds = new ArrayList<>();
      for (Row r : e.getValue()) {
        Program program = ProgramRows.program(r.getStruct(3));
        sounds.add(new KitSound(r.getString(0), r.getDouble(2), program, renderer.render(program)));
      }
      KitExporter.export(fs, new Path(staging, e.getKey()), "synthstack " + e.getKey() + " " + o.date(), e.getKey(),
          sounds);
    }
  }

  private static void writeReport(SparkSession spark, String dir, Options o, long rendered,
      Map<String, Long> keptByLabel, long[] histogram, Ear ear) throws IOException {
    ReportWriter report = new ReportWriter(dir, spark.sparkContext().hadoopConfiguration());
    long kept = keptByLabel.values().stream().mapToLong(Long::longValue).sum();
    MarkdownTable perLabel = new MarkdownTable("label", "kept", "per 1000 rendered");
    for (Map.Entry<String, Long> e : keptByLabel.entrySet()) {
      perLabel.row(e.getKey(), e.getValue(), String.format(Locale.ROOT, "%.2f", 1000.0 * e.getValue() / rendered));
    }
    perLabel.row("all drums", kept, String.format(Locale.ROOT, "%.2f", 1000.0 * kept / rendered));
    MarkdownTable hist = new MarkdownTable("drum probability", "programs");
    double[] x = new double[HISTOGRAM_BINS];
    double[] y = new double[HISTOGRAM_BINS];
    for (int b = 0; b < HISTOGRAM_BINS; b++) {
      hist.row(String.format(Locale.ROOT, "%.2f-%.2f", (double) b / HISTOGRAM_BINS, (b + 1.0) / HISTOGRAM_BINS),
          histogram[b]);
      x[b] = (b + 0.5) / HISTOGRAM_BINS;
      y[b] = Math.max(histogram[b], 0.5);
    }
    String md = "# generate " + o.date() + "\n\n"
        + String.format(Locale.ROOT, "Rendered %d programs (seed %d, stack sizes %s) with the ear %s (%s, CV "
            + "macro-F1 %.3f); kept %d with a drum probability of at least %.2f.%n%n", rendered, o.seed(),
            o.stackSizes(), o.modelDir(), ear.metadata().model(), ear.metadata().cvMacroF1(), kept,
            o.minProbability())
        + "## Kept per label\n\n" + perLabel + "\n## Drum probability of everything rendered\n\n"
        + "P(drum) = 1 - P(synth_noise). How close the near misses come says more about the ear than the argmax.\n\n"
        + hist + "\n![drum probability](drum_probability.png)\n";
    report.writeText("report.md", md);
    report.write("drum_probability.png", out -> out.write(Plots.lines("Drum probability of rendered programs",
        "P(drum)", "programs (log)", List.of(new Plots.Line("programs", x, y)), true)));
  }
}
