package org.synthstack.jobs.embed;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.spark.CompleteDatasets;
import org.synthstack.jobs.spark.PartitionPublisher;
import org.synthstack.learn.Autoencoder;
import org.synthstack.learn.FeatureSettings;

/**
 * Adds the autoencoder's latent vector, column {@code embedding} (array&lt;float&gt;[latent]), to ear feature tables
 * (the ingest's drums, render's NoiseDB): every input column is kept, so {@code train-ear --inputs EMBEDDING} reads
 * the result as it reads the originals. The output is a new partition {@code OUT/dt=DATE} published with {@code
 * _SUCCESS}; the input is never written, and an output inside an input (or the reverse) is refused.
 */
public final class EmbedJob {
  private static final Logger LOG = LoggerFactory.getLogger(EmbedJob.class);
  public static final String COLUMN = "embedding";
  /** Spectra encoded per forward pass. */
  private static final int CHUNK = 256;

  public record Options(List<String> inputs, String autoencoder, String out, LocalDate date) {}

  public record Result(String partition, long rows, int latent, double seconds) {}

  private EmbedJob() {}

  public static Result run(SparkSession spark, Options o) throws IOException {
    long started = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    refuseOverlap(o, conf);
    byte[] model = AutoencoderArtifact.read(o.autoencoder(), conf);
    int latent;
    try (Autoencoder ae = AutoencoderArtifact.open(model, o.autoencoder())) {
      latent = ae.latentSize();
    }
    Dataset<Row> table = CompleteDatasets.parquet(spark, "--in", o.inputs());
    List<String> columns = List.of(table.columns());
    if (!columns.contains("spectrum")) {
      throw new InputException("--in " + o.inputs() + ": no 'spectrum' column; expected ear feature tables");
    }
    if (columns.contains(COLUMN)) {
      throw new InputException("--in " + o.inputs() + ": already has an '" + COLUMN + "' column");
    }
    if (columns.contains("dt")) {
      // The output is partitioned by dt itself; keep the input's date under another name.
      table = table.withColumnRenamed("dt", "source_dt");
    }
    FeatureSettings features = FeatureSettings.current();
    Dataset<Row> checked = SpectraData.withFlatSpectrum(table, features);
    // Shape errors are found here, on the driver, so they reach the user as input errors naming a row.
    List<Row> bad = checked.filter(col("bands").isNull().or(col("bands").notEqual(features.bands()))
        .or(not(col("shaped")))).limit(1).collectAsList();
    if (!bad.isEmpty()) {
      throw new InputException("--in " + o.inputs() + ": a row's spectrum is not " + features.bands() + " × "
          + features.frames() + ": " + describe(bad.get(0), table.columns()));
    }
    StructType outSchema = table.schema().add(COLUMN, DataTypes.createArrayType(DataTypes.FloatType, false), false);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<byte[]> shared = jsc.broadcast(model);
    Dataset<Row> embedded = checked.mapPartitions(new Encode(shared, o.autoencoder(), table.columns().length),
        Encoders.row(outSchema));

    PartitionPublisher publisher = PartitionPublisher.forPartition(o.out(), "dt=" + o.date(), conf);
    try {
      embedded.write().parquet(publisher.staging().toString());
      publisher.publish();
    } catch (RuntimeException | IOException e) {
      publisher.abandon();
      throw e;
    } finally {
      shared.destroy();
    }
    long rows = spark.read().parquet(publisher.target().toString()).count();
    double seconds = (System.nanoTime() - started) / 1e9;
    LOG.info("embed: {} rows with {}-dimensional embeddings in {} ({} s)", rows, latent, publisher.target(),
        String.format("%.1f", seconds));
    return new Result(publisher.target().toString(), rows, latent, seconds);
  }

  private static String describe(Row row, String[] columns) {
    for (String id : List.of("sha256", "checksum", "program_id", "path", "id")) {
      if (List.of(columns).contains(id)) {
        return id + " = " + row.get(row.fieldIndex(id));
      }
    }
    return row.toString();
  }

  /** Refuses an output that is an input, inside one, or contains one. */
  private static void refuseOverlap(Options o, Configuration conf) throws IOException {
    Path out = qualified(o.out(), conf);
    for (String in : o.inputs()) {
      Path input = qualified(in, conf);
      if (isWithin(out, input) || isWithin(input, out)) {
        throw new InputException("--out " + o.out() + " overlaps --in " + in + "; embed never writes into its input");
      }
    }
  }

  private static Path qualified(String p, Configuration conf) throws IOException {
    Path path = new Path(p);
    FileSystem fs = path.getFileSystem(conf);
    return fs.makeQualified(path);
  }

  private static boolean isWithin(Path child, Path parent) {
    String c = child.toUri().getPath();
    String p = parent.toUri().getPath();
    return c.equals(p) || c.startsWith(p.endsWith("/") ? p : p + "/");
  }

  /** Per partition: one autoencoder from the broadcast bytes, spectra encoded a chunk at a time. */
  static final class Encode implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<byte[]> model;
    private final String source;
    private final int keep;

    Encode(Broadcast<byte[]> model, String source, int keep) {
      this.model = model;
      this.source = source;
      this.keep = keep;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      List<Row> out = new ArrayList<>();
      FeatureSettings features = FeatureSettings.current();
      int width = features.size();
      try (Autoencoder ae = AutoencoderArtifact.open(model.value(), source)) {
        int latent = ae.latentSize();
        List<Row> chunk = new ArrayList<>(CHUNK);
        float[] spectra = new float[CHUNK * width];
        while (rows.hasNext()) {
          chunk.add(rows.next());
          if (chunk.size() == CHUNK || !rows.hasNext()) {
            for (int i = 0; i < chunk.size(); i++) {
              SpectraData.copyFlat(chunk.get(i), features, spectra, i * width);
            }
            float[] z = ae.encode(spectra, chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
              Object[] values = new Object[keep + 1];
              Row r = chunk.get(i);
              for (int c = 0; c < keep; c++) {
                values[c] = r.get(c);
              }
              values[keep] = java.util.Arrays.copyOfRange(z, i * latent, (i + 1) * latent);
              out.add(RowFactory.create(values));
            }
            chunk.clear();
          }
        }
      }
      return out.iterator();
    }
  }
}
