package org.synthstack.jobs.ingest;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_remove;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.synthstack.audio.AudioDecodeException;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.catalog.DrumLabels;
import org.synthstack.jobs.report.MarkdownTable;
import org.synthstack.jobs.report.Plots;
import org.synthstack.jobs.report.ReportWriter;
import org.synthstack.jobs.spark.PartitionPublisher;

/**
 * Ingests labelled recordings: reads every file through Spark's {@code binaryFile} source (local paths and
 * {@code s3a://} alike), decodes, mixes to mono and resamples to 48 kHz, computes the ear features through the same
 * code as render, and writes, for date {@code D} under {@code OUT}:
 *
 * <ul>
 *   <li>{@code OUT/features/dt=D/}: {@link IngestRows#FEATURES}, one row per distinct content (SHA-256 of the
 *       bytes); identical files are stored once, with their count and other paths;
 *   <li>{@code OUT/quarantine/dt=D/}: {@link IngestRows#QUARANTINE}, every file set aside, with a reason;
 *   <li>{@code OUT/report/dt=D/}: {@code ingest.md} (the per-label count table and the quarantine summary),
 *       {@code label_counts/} (the same counts as Parquet), {@code label_counts.png} and {@code durations.png}.
 * </ul>
 *
 * <p>Files come from a manifest CSV ({@link Manifest}) or from a folder laid out as {@code <label>/...}. Each file is
 * decoded once: the worker writes one intermediate row per file, from which both tables are derived. No audio file
 * makes the job fail (only a missing manifest or input folder, or a malformed manifest, does); a file is in the
 * features (itself or as a duplicate) or in the quarantine, and the job checks that the two add up to the input. Each table is published through {@link PartitionPublisher} (quarantine, then
 * report, then features), so readers never see a partial partition and a failed run leaves the previous one.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  /** Extensions considered in {@code --in} mode (any case); the format itself is sniffed from the bytes. */
  static final List<String> FOLDER_EXTENSIONS = List.of("wav", "wave", "flac", "ogg", "oga", "aif", "aiff", "aifc");

  public static final String FEATURES_DIR = "features";
  public static final String QUARANTINE_DIR = "quarantine";
  public static final String REPORT_DIR = "report";

  /**
   * @param manifest a manifest CSV, or null
   * @param inDir a folder of {@code <label>/} folders, or null (exactly one of the two)
   * @param source the source name in {@code --in} mode (null: the folder's name); ignored with a manifest
   * @param maxSeconds longer recordings are quarantined with {@code TOO_LONG}
   * @param maxBytes larger files are quarantined with {@code FILE_TOO_LARGE} without being read
   */
  public record Options(String manifest, String inDir, String source, String out, LocalDate date,
      double maxSeconds, long maxBytes) {
    public Options {
      if ((manifest == null) == (inDir == null)) {
        throw new IllegalArgumentException("exactly one of manifest and inDir");
      }
      if (!(maxSeconds > 0) || maxBytes < 1) {
        throw new IllegalArgumentException("maxSeconds and maxBytes must be positive");
      }
    }
  }

  /**
   * What a run did.
   *
   * @param inputFiles files listed (manifest rows, or audio files found in the folder)
   * @param stored rows of the features table (distinct contents)
   * @param duplicates files not stored because identical bytes were (their count, not their contents)
   * @param quarantined files set aside; {@code inputFiles == stored + duplicates + quarantined}
   * @param byReason quarantined files per reason
   * @param counts stored rows per source and label
   * @param silent stored rows whose audio is silent
   * @param cores the Spark default parallelism the run had
   */
  public record Result(String features, String quarantine, String report, long inputFiles, long stored,
      long duplicates, long quarantined, Map<String, Long> byReason, Map<String, Map<String, Long>> counts,
      long silent, double seconds, int cores, String markdown) {
    public double filesPerSecond() {
      return inputFiles / seconds;
    }

    public double filesPerSecondPerCore() {
      return filesPerSecond() / cores;
    }
  }

  /**
   * The files to read (escaped for Spark's path globbing), where their labels come from, what the driver already set
   * aside (missing, empty, too large), how many files were listed in all, and a description for the report.
   */
  private record Inputs(List<String> paths, FileLabels labels, List<Row> quarantined, long listed,
      String description) {}

  private IngestJob() {}

  public static Result run(SparkSession spark, Options options) throws IOException {
    long started = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Broadcast<?>> broadcasts = new ArrayList<>();
    Inputs inputs = options.manifest() != null
        ? fromManifest(options.manifest(), options.maxBytes(), conf, jsc, broadcasts)
        : fromFolder(options.inDir(), options.source(), options.maxBytes(), conf);

    String partition = "dt=" + options.date();
    Path root = new Path(options.out());
    PartitionPublisher features = PartitionPublisher.forPartition(new Path(root, FEATURES_DIR).toString(),
        partition, conf);
    PartitionPublisher quarantine = PartitionPublisher.forPartition(new Path(root, QUARANTINE_DIR).toString(),
        partition, conf);
    PartitionPublisher report = PartitionPublisher.forPartition(new Path(root, REPORT_DIR).toString(), partition,
        conf);
    Path scratch = new Path(root, "_staging/ingest-" + UUID.randomUUID());
    FileSystem outFs = root.getFileSystem(conf);
    try {
      // Spark's file sources never return names starting with _ or . (its marker-file convention); those few are
      // read through Hadoop's FileSystem directly and join the same pass.
      List<String> viaSpark = new ArrayList<>();
      List<String> direct = new ArrayList<>();
      for (String escaped : inputs.paths()) {
        String name = new Path(unescapeGlob(escaped)).getName();
        (hiddenFromSpark(name) ? direct : viaSpark).add(escaped);
      }
      Dataset<Row> files = binaryFiles(spark, viaSpark).select("path", "content");
      if (!direct.isEmpty()) {
        files = files.unionByName(readDirectly(spark, direct, conf));
      }
      List<Row> quarantineRows = new ArrayList<>(inputs.quarantined());

      // One pass over the content; the worker writes one row per file, from which both tables are derived.
      Dataset<Row> results = files
          .mapPartitions(new IngestPartition(inputs.labels(), options.maxSeconds()), Encoders.row(IngestRows.RESULT));
      results.write().parquet(new Path(scratch, "results").toString());
      Dataset<Row> written = spark.read().schema(IngestRows.RESULT).parquet(new Path(scratch, "results").toString());

      // Files that exist but that the file source did not return: accounted for, never silently dropped.
      Set<String> seen = new HashSet<>();
      long decodedRows = 0;
      for (Row r : written.select(col("path"), col("reason").isNull()).collectAsList()) {
        seen.add(r.getString(0));
        decodedRows += r.getBoolean(1) ? 1 : 0;
      }
      quarantineRows.addAll(notReturned(inputs, seen));

      WindowSpec sameBytes = Window.partitionBy("sha256");
      Dataset<Row> ok = written.where(col("reason").isNull())
          .withColumn("_paths", array_sort(collect_list("path").over(sameBytes)))
          .withColumn("_labels", array_sort(collect_set("label").over(sameBytes)));
      Column[] featureColumns = new Column[IngestRows.FEATURES.size()];
      for (int i = 0; i < featureColumns.length; i++) {
        String name = IngestRows.FEATURES.fieldNames()[i];
        featureColumns[i] = switch (name) {
          case "copies" -> size(col("_paths")).as(name);
          case "duplicate_paths" -> array_remove(col("_paths"), col("path")).as(name);
          default -> col(name);
        };
      }
      ok.where(size(col("_labels")).equalTo(1).and(col("path").equalTo(element_at(col("_paths"), 1))))
          .select(featureColumns)
          .coalesce(Math.max(1, (int) ((decodedRows + 4999) / 5000)))
          .write().parquet(features.staging().toString());

      Dataset<Row> conflicts = ok.where(size(col("_labels")).gt(1))
          .select(col("path"), col("label"), col("source"), col("kit"),
              lit(IngestRows.Reason.CONFLICTING_LABELS.name()).as("reason"),
              concat(lit("the same bytes are labelled "), array_join(col("_labels"), ", "), lit(" under "),
                  size(col("_paths")).cast(DataTypes.StringType), lit(" paths: "), array_join(col("_paths"), ", "))
                  .as("detail"),
              col("bytes"), col("sha256"));
      Dataset<Row> rejected = written.where(col("reason").isNotNull())
          .select("path", "label", "source", "kit", "reason", "detail", "bytes", "sha256");
      Dataset<Row> driverRows = spark.createDataFrame(quarantineRows, IngestRows.QUARANTINE);
      rejected.unionByName(conflicts).unionByName(driverRows)
          .coalesce(1)
          .write().parquet(quarantine.staging().toString());

      // Counts come from the staged output, not from accumulators that retried tasks would inflate.
      // (With explicit schemas: a run that stores nothing writes Parquet without rows, whose schema is not inferred.)
      Dataset<Row> storedRows = spark.read().schema(IngestRows.FEATURES).parquet(features.staging().toString());
      Dataset<Row> setAside = spark.read().schema(IngestRows.QUARANTINE).parquet(quarantine.staging().toString());
      Map<String, Map<String, Long>> counts = new TreeMap<>();
      long stored = 0;
      long duplicates = 0;
      long silent = 0;
      for (Row r : storedRows.groupBy("source", "label")
          .agg(count(lit(1)), sum(col("copies").minus(1)), sum(col("silent").cast(DataTypes.IntegerType)))
          .collectAsList()) {
        counts.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
        stored += r.getLong(2);
        duplicates += r.getLong(3);
        silent += r.getLong(4);
      }
      Map<String, Long> byReason = new TreeMap<>();
      Map<String, String> examples = new TreeMap<>();
      for (Row r : setAside.groupBy("reason").agg(count(lit(1)), min(struct(col("path"), col("detail"))))
          .collectAsList()) {
        byReason.put(r.getString(0), r.getLong(1));
        Row example = r.getStruct(2);
        examples.put(r.getString(0), shortName(example.getString(0)) + ": " + truncate(example.getString(1), 160));
      }
      Map<String, Map<String, Long>> quarantinedByLabel = new TreeMap<>();
      for (Row r : setAside.groupBy("reason", "label").count().collectAsList()) {
        quarantinedByLabel.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
            .put(r.isNullAt(1) ? "(none)" : r.getString(1), r.getLong(2));
      }
      long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();
      long inputFiles = inputs.listed();
      if (stored + duplicates + quarantined != inputFiles) {
        throw new IllegalStateException("ingest lost track of files: " + inputFiles + " listed but " + stored
            + " stored + " + duplicates + " duplicates + " + quarantined + " quarantined");
      }

      int cores = spark.sparkContext().defaultParallelism();
      double seconds = (System.nanoTime() - started) / 1e9;
      String markdown = markdown(options, inputs, counts, byReason, examples, quarantinedByLabel, inputFiles, stored,
          duplicates, quarantined, silent, seconds, cores);
      ReportWriter writer = new ReportWriter(report.staging().toString(), conf);
      writer.writeText("ingest.md", markdown);
      writePlots(writer, counts, storedRows);
      List<Row> countRows = new ArrayList<>();
      counts.forEach((source, byLabel) -> byLabel.forEach((label, n) -> countRows.add(RowFactory.create(source,
          label, n))));
      spark.createDataFrame(countRows, IngestRows.LABEL_COUNTS)
          .coalesce(1).write().parquet(new Path(report.staging(), "label_counts").toString());

      quarantine.publish();
      report.publish();
      features.publish();
      seconds = (System.nanoTime() - started) / 1e9;
      LOG.info("ingest: {} files -> {} stored, {} duplicates, {} quarantined in {} s", inputFiles, stored,
          duplicates, quarantined, String.format("%.1f", seconds));
      return new Result(features.target().toString(), quarantine.target().toString(), report.target().toString(),
          inputFiles, stored, duplicates, quarantined, byReason, counts, silent, seconds, cores, markdown);
    } catch (Throwable e) { // Spark rethrows SparkException undeclared: clean up whatever is thrown
      features.abandon();
      quarantine.abandon();
      report.abandon();
      throw e;
    } finally {
      outFs.delete(scratch, true);
      Path staging = scratch.getParent();
      if (outFs.exists(staging) && outFs.listStatus(staging).length == 0) {
        outFs.delete(staging, false);
      }
      broadcasts.forEach(b -> b.destroy());
    }
  }

  /**
   * {@code label_counts.png}: stored files per label and source; {@code durations.png}: the durations of the stored
   * recordings per label (where --max-seconds cuts).
   */
  private static void writePlots(ReportWriter writer, Map<String, Map<String, Long>> counts, Dataset<Row> stored)
      throws IOException {
    if (counts.isEmpty()) {
      return;
    }
    List<String> sources = new ArrayList<>(counts.keySet());
    List<String> labels = new ArrayList<>();
    counts.values().forEach(m -> m.keySet().forEach(l -> {
      if (!labels.contains(l)) {
        labels.add(l);
      }
    }));
    labels.sort(Comparator.comparingInt(DrumLabels::order).thenComparing(Comparator.naturalOrder()));
    double[][] values = new double[labels.size()][sources.size()];
    for (int r = 0; r < labels.size(); r++) {
      for (int c = 0; c < sources.size(); c++) {
        values[r][c] = counts.get(sources.get(c)).getOrDefault(labels.get(r), 0L);
      }
    }
    byte[] heatmap = Plots.heatmap("Stored recordings per label", "source", "label", sources, labels, values);
    writer.write("label_counts.png", o -> o.write(heatmap));
    Map<String, List<Double>> byLabel = new LinkedHashMap<>();
    labels.forEach(l -> byLabel.put(l, new ArrayList<>()));
    for (Row r : stored.select("label", "duration").collectAsList()) {
      byLabel.get(r.getString(0)).add(r.getDouble(1));
    }
    Map<String, double[]> groups = new LinkedHashMap<>();
    byLabel.forEach((l, d) -> groups.put(l, d.stream().mapToDouble(Double::doubleValue).toArray()));
    byte[] boxes = Plots.boxes("Duration of the stored recordings", "seconds", groups);
    writer.write("durations.png", o -> o.write(boxes));
  }

  /** Spark's rule for files it treats as metadata (PartitioningAwareFileIndex.isDataPath). */
  static boolean hiddenFromSpark(String name) {
    return (name.startsWith("_") && !name.contains("=")) || name.startsWith(".");
  }

  private static Dataset<Row> readDirectly(SparkSession spark, List<String> escaped, Configuration conf) {
    List<String> paths = new ArrayList<>();
    escaped.forEach(e -> paths.add(unescapeGlob(e)));
    int slices = Math.max(1, Math.min(paths.size(), spark.sparkContext().defaultParallelism()));
    return spark.createDataset(paths, Encoders.STRING()).repartition(slices)
        .map(new DirectRead(new SerializableConfiguration(conf)), Encoders.row(new StructType()
            .add("path", DataTypes.StringType).add("content", DataTypes.BinaryType)));
  }

  /** Reads one whole file through Hadoop's FileSystem, as binaryFile would. */
  private static final class DirectRead implements MapFunction<String, Row> {
    private static final long serialVersionUID = 1L;
    private final SerializableConfiguration conf;

    DirectRead(SerializableConfiguration conf) {
      this.conf = conf;
    }

    @Override
    public Row call(String path) throws IOException {
      Path p = new Path(path);
      try (InputStream in = p.getFileSystem(conf.value()).open(p)) {
        return RowFactory.create(path, in.readAllBytes());
      }
    }
  }

  private static Dataset<Row> binaryFiles(SparkSession spark, List<String> paths) {
    if (paths.isEmpty()) {
      return spark.createDataFrame(List.of(), new StructType()
          .add("path", DataTypes.StringType).add("modificationTime", DataTypes.TimestampType)
          .add("length", DataTypes.LongType).add("content", DataTypes.BinaryType));
    }
    var reader = spark.read().format("binaryFile");
    // Spark lists more than 32 paths with a distributed job of one task per path (up to 10 000): for a manifest of
    // a thousand files that is a thousand one-stat tasks. A few tasks per core list them as well.
    String key = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
    scala.Option<String> previous = spark.conf().getOption(key);
    spark.conf().set(key, Integer.toString(4 * spark.sparkContext().defaultParallelism()));
    try {
      return reader.load(paths.toArray(String[]::new));
    } finally {
      if (previous.isDefined()) {
        spark.conf().set(key, previous.get());
      } else {
        spark.conf().unset(key);
      }
    }
  }

  /**
   * Lists {@code dir} recursively: files with an audio extension, except below names starting with {@code .}
   * (macOS {@code ._*} and {@code .DS_Store} litter, hidden folders).
   */
  private static Inputs fromFolder(String dir, String source, long maxBytes, Configuration conf) throws IOException {
    Path path = new Path(dir);
    FileSystem fs = path.getFileSystem(conf);
    FileStatus status;
    try {
      status = fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      throw new InputException("input folder " + dir + ": no such directory");
    }
    if (!status.isDirectory()) {
      throw new InputException("input folder " + dir + ": not a directory (expected <label>/ folders of audio)");
    }
    String root = stripSlash(fs.makeQualified(status.getPath()).toString());
    FileLabels labels = FileLabels.folders(root, source != null ? source : status.getPath().getName());
    List<FileStatus> found = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(status.getPath(), true);
    while (it.hasNext()) {
      LocatedFileStatus f = it.next();
      String p = fs.makeQualified(f.getPath()).toString();
      if (isFolderAudio(f.getPath().getName()) && !hiddenBelow(root, p)) {
        found.add(f);
      }
    }
    found.sort(Comparator.comparing(f -> f.getPath().toString()));
    List<String> paths = new ArrayList<>();
    List<Row> quarantined = new ArrayList<>();
    for (FileStatus f : found) {
      String p = fs.makeQualified(f.getPath()).toString();
      classify(p, f, labels.meta(p), maxBytes, paths, quarantined);
    }
    return new Inputs(paths, labels, quarantined, found.size(), "folder " + dir);
  }

  private static boolean isFolderAudio(String name) {
    int dot = name.lastIndexOf('.');
    return dot >= 0 && FOLDER_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static boolean hiddenBelow(String root, String path) {
    for (String part : path.substring(root.length()).split("/")) {
      if (part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static Inputs fromManifest(String manifest, long maxBytes, Configuration conf, JavaSparkContext jsc,
      List<Broadcast<?>> broadcasts) throws IOException {
    Path manifestPath = new Path(manifest);
    FileSystem mfs = manifestPath.getFileSystem(conf);
    String text;
    try (InputStream in = mfs.open(manifestPath)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      throw new InputException("manifest " + manifest + ": no such file");
    }
    List<Manifest.Entry> entries = Manifest.parse(manifest, text);
    Path base = mfs.makeQualified(manifestPath).getParent();
    Map<String, FileLabels.Meta> byPath = new HashMap<>();
    Map<Path, List<Path>> byParent = new LinkedHashMap<>();
    for (Manifest.Entry e : entries) {
      Path p = resolve(base, e.path());
      Path qualified = p.getFileSystem(conf).makeQualified(p);
      FileLabels.Meta meta = new FileLabels.Meta(e.label(), e.source() != null ? e.source() : "manifest",
          e.kit(), e.licence());
      if (byPath.put(qualified.toString(), meta) != null) {
        throw new InputException("manifest " + manifest + ": " + e.path() + " names the same file as another row");
      }
      byParent.computeIfAbsent(qualified.getParent(), k -> new ArrayList<>()).add(qualified);
    }
    // One listing per folder rather than one status call per file (cheap on object stores too).
    List<String> paths = new ArrayList<>();
    List<Row> quarantined = new ArrayList<>();
    for (Map.Entry<Path, List<Path>> group : byParent.entrySet()) {
      Map<String, FileStatus> present = new HashMap<>();
      FileSystem fs = group.getKey().getFileSystem(conf);
      try {
        for (FileStatus s : fs.listStatus(group.getKey())) {
          if (s.isFile()) {
            present.put(fs.makeQualified(s.getPath()).toString(), s);
          }
        }
      } catch (FileNotFoundException e) {
        // the whole folder is missing, and so is every file in it
      }
      for (Path file : group.getValue()) {
        String p = file.toString();
        classify(p, present.get(p), byPath.get(p), maxBytes, paths, quarantined);
      }
    }
    Broadcast<Map<String, FileLabels.Meta>> broadcast = jsc.broadcast(byPath);
    broadcasts.add(broadcast);
    return new Inputs(paths, FileLabels.manifest(broadcast), quarantined, entries.size(), "manifest " + manifest);
  }

  /**
   * Sets a file aside on the driver if it is missing, empty (Spark's file sources skip empty files, so they would
   * vanish), or over the byte limit (never read); otherwise queues it for reading.
   */
  private static void classify(String path, FileStatus status, FileLabels.Meta meta, long maxBytes,
      List<String> paths, List<Row> quarantined) {
    if (status == null) {
      quarantined.add(IngestRows.quarantine(path, meta.label(), meta.source(), meta.kit(),
          IngestRows.Reason.MISSING_FILE.name(), "listed in the manifest but there is no such file", null, null));
    } else if (status.getLen() == 0) {
      quarantined.add(IngestRows.quarantine(path, meta.label(), meta.source(), meta.kit(),
          AudioDecodeException.Reason.EMPTY_FILE.name(), "file is empty (0 bytes)", 0L,
          RecordingFeaturizer.sha256(new byte[0])));
    } else if (status.getLen() > maxBytes) {
      quarantined.add(IngestRows.quarantine(path, meta.label(), meta.source(), meta.kit(),
          IngestRows.Reason.FILE_TOO_LARGE.name(), status.getLen() + " bytes; the limit is " + maxBytes
              + " bytes (--max-bytes), so it was not read", status.getLen(), null));
    } else {
      paths.add(escapeGlob(path));
    }
  }

  private static List<Row> notReturned(Inputs inputs, Set<String> seen) {
    List<Row> rows = new ArrayList<>();
    for (String escaped : inputs.paths()) {
      String path = unescapeGlob(escaped);
      if (!seen.contains(path)) {
        FileLabels.Meta meta = inputs.labels().meta(path);
        rows.add(IngestRows.quarantine(path, meta.label(), meta.source(), meta.kit(),
            IngestRows.Reason.MISSING_FILE.name(), "exists, but Spark's binaryFile source did not return it", null, null));
      }
    }
    return rows;
  }

  /** A manifest path: with a scheme or a leading slash as is, otherwise relative to the manifest's folder. */
  static Path resolve(Path base, String path) {
    Path p = new Path(path);
    if (p.isAbsolute() || p.toUri().getScheme() != null) {
      return p;
    }
    return new Path(base, path);
  }

  /** Escapes Hadoop glob characters so Spark reads a path literally. */
  static String escapeGlob(String path) {
    StringBuilder sb = new StringBuilder(path.length() + 8);
    for (char c : path.toCharArray()) {
      if ("\\*?[]{}".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  static String unescapeGlob(String escaped) {
    StringBuilder sb = new StringBuilder(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\' && i + 1 < escaped.length()) {
        c = escaped.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String markdown(Options options, Inputs inputs, Map<String, Map<String, Long>> counts,
      Map<String, Long> byReason, Map<String, String> examples, Map<String, Map<String, Long>> quarantinedByLabel,
      long inputFiles, long stored, long duplicates, long quarantined, long silent, double seconds, int cores) {
    StringBuilder md = new StringBuilder();
    md.append("# Ingest ").append(options.date()).append("\n\n");
    md.append("Input: ").append(inputs.description()).append("; limits ").append(options.maxSeconds())
        .append(" s, ").append(options.maxBytes()).append(" bytes.\n\n");
    md.append("## Files per label\n\n");
    md.append("Distinct recordings stored, by label and source (duplicates counted once):\n\n");
    md.append(IngestReport.labelCounts(counts)).append('\n');
    md.append("As the paper's Table 1: `").append(IngestReport.paperLine(name(options), counts)).append("`\n\n");
    md.append("## Accounting\n\n");
    MarkdownTable accounting = new MarkdownTable("files", "count")
        .row("listed", inputFiles)
        .row("stored (distinct contents)", stored)
        .row("duplicates (identical bytes already stored)", duplicates)
        .row("quarantined", quarantined)
        .row("stored but silent (peak below 1e-10)", silent);
    md.append(accounting).append('\n');
    md.append("## Quarantine\n\n");
    if (byReason.isEmpty()) {
      md.append("Nothing was set aside.\n\n");
    } else {
      MarkdownTable reasons = new MarkdownTable("reason", "files", "example");
      byReason.forEach((reason, n) -> reasons.row(reason, n, examples.get(reason)));
      md.append(reasons).append('\n');
      md.append("Set aside by label (reasons across):\n\n");
      md.append(IngestReport.labelCounts(quarantinedByLabel)).append('\n');
    }
    md.append("## Throughput\n\n");
    md.append(String.format("%d files in %.1f s on %d cores: %.1f files/s, %.1f files/s per core (job time, Spark "
        + "start-up excluded).%n", inputFiles, seconds, cores, inputFiles / seconds, inputFiles / seconds / cores));
    return md.toString();
  }

  /** How the Table 1 line names the collection: the manifest's folder, or the --in source. */
  private static String name(Options options) {
    if (options.manifest() != null) {
      Path parent = new Path(options.manifest()).getParent();
      return parent != null && !parent.getName().isEmpty() ? parent.getName() : new Path(options.manifest()).getName();
    }
    return options.source() != null ? options.source() : new Path(options.inDir()).getName();
  }

  private static String shortName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
