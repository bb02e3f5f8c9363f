package org.synthstack.jobs.improv;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.synthstack.improv.Corpus;
import org.synthstack.improv.FeatureSet;
import org.synthstack.improv.HeldOut;
import org.synthstack.improv.Mdrnn;
import org.synthstack.improv.MdrnnTrainer;
import org.synthstack.improv.ModelSize;
import org.synthstack.improv.OptimizerSpec;
import org.synthstack.improv.Resemblance;
import org.synthstack.improv.TrainingConfig;
import org.synthstack.improv.TrainingHistory;
import org.synthstack.improv.TrainingWindows;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.spark.PartitionPublisher;

/**
 * The seed's optimizer study as a Spark job: one task per grid row (by default the ten rows of Table I), each
 * training one MDRNN on the broadcast corpus, scoring its continuations of held-out input against the true ones
 * ({@link Resemblance}), and saving the model. The driver then writes the report ({@link TrainReport}): the Table I
 * equivalent as Markdown and Parquet, loss curves, the per-feature input-then-continuation plots, and the scores.
 *
 * <p>Output goes to a staging directory and replaces {@code out} only when complete ({@link PartitionPublisher}); a
 * failed run leaves an existing {@code out} as it was. Row {@code r} trains with seed {@code seed + 7919·r} (initial
 * weights, shuffling, sampling), so a rerun with the same corpus and seed gives the same numbers.
 */
public final class ImprovTrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(ImprovTrainJob.class);

  /** Subdirectory of the output holding one model file per row. */
  public static final String MODELS = "models";

  /** One configuration of the grid; {@code row} is 1-based (Table I's row, when the grid is Table I). */
  public record GridRow(int row, OptimizerSpec optimizer) implements Serializable {}

  /** The seed's Table I, rows 1..10 in its order. */
  public static List<GridRow> tableOne() {
    List<GridRow> rows = new ArrayList<>();
    List<OptimizerSpec> specs = OptimizerSpec.tableOne();
    for (int i = 0; i < specs.size(); i++) {
      rows.add(new GridRow(i + 1, specs.get(i)));
    }
    return rows;
  }

  /**
   * @param corpus corpus directory ({@link Corpus}), any Hadoop path
   * @param out report directory, replaced as a whole when the run succeeds
   * @param grid the configurations, one task each
   * @param size model size (the seed: S)
   * @param seed base seed
   * @param maxEpochs epochs at most (the seed: 130)
   * @param patience early-stopping patience (the seed: 20)
   * @param batchSize windows per batch (the seed: 64)
   * @param trainBatchesPerEpoch 0 = every training window every epoch; otherwise that many batches of them
   * @param validationBatches 0 = every validation window; otherwise that many batches (the first ones)
   * @param maxFrames 0 = the whole corpus; otherwise about this many frames ({@link CorpusPayload#slice})
   * @param prime held-out input steps a continuation starts from
   * @param horizon steps generated and compared with the truth
   * @param segments held-out segments scored per model
   * @param piTemperature sampling: mixture temperature
   * @param sigmaTemperature sampling: variance scale
   * @param plotFeatures features drawn as input-then-continuation plots (the seed: Chroma03, Chroma04, Chroma05,
   *     SpectralSkewness)
   * @param quick marks the report as a quick run
   */
  public record Options(String corpus, String out, List<GridRow> grid, ModelSize size, long seed, int maxEpochs,
      int patience, int batchSize, int trainBatchesPerEpoch, int validationBatches, long maxFrames, int prime,
      int horizon, int segments, double piTemperature, double sigmaTemperature, List<String> plotFeatures,
      boolean quick) {

    /** The seed's figures show these four features. */
    public static final List<String> SEED_PLOT_FEATURES =
        List.of("Chroma03", "Chroma04", "Chroma05", "SpectralSkewness");

    public Options {
      grid = List.copyOf(grid);
      plotFeatures = List.copyOf(plotFeatures);
      if (grid.isEmpty()) {
        throw new IllegalArgumentException("the grid is empty");
      }
    }

    /** The seed's protocol on Table I: S model, batch 64, ≤ 130 epochs, patience 20, all windows. */
    public static Options standard(String corpus, String out, long seed) {
      return new Options(corpus, out, tableOne(), ModelSize.S, seed, TrainingConfig.DEFAULT_MAX_EPOCHS,
          TrainingConfig.DEFAULT_PATIENCE, TrainingConfig.DEFAULT_BATCH, 0, 0, 0, 50, 100, 8,
          1.0, 0.01, SEED_PLOT_FEATURES, false);
    }
  }

  /**
   * @param out the published report directory
   * @param rows one result per grid row, in row order
   * @param echo the "echo the input" reference score on the same segments
   * @param frames corpus frames used
   * @param trainWindows training windows
   * @param validationWindows validation windows
   * @param segments held-out segments scored
   * @param seconds wall time of the whole run
   */
  public record Result(String out, List<RowResult> rows, Resemblance.Score echo, long frames, int trainWindows,
      int validationWindows, int segments, double seconds) {}

  /** What one task sends back. */
  public record RowResult(int row, OptimizerSpec optimizer, double[] trainLoss, double[] validationLoss,
      int bestEpoch, double bestValidationLoss, boolean stoppedEarly, boolean diverged, long windowsTrained,
      double trainSeconds, List<Resemblance.Score> scores, Resemblance.Score mean, float[][] firstContinuation,
      String model) implements Serializable {

    public int epochs() {
      return trainLoss.length;
    }

    public double windowsPerSecond() {
      return trainSeconds > 0 ? windowsTrained / trainSeconds : 0;
    }
  }

  /** What every task needs besides its row. */
  record TaskSettings(ModelSize size, long seed, int maxEpochs, int patience, int batchSize, int trainBatches,
      int validationBatches, int prime, int horizon, int segments, double piTemperature, double sigmaTemperature,
      String modelsDir) implements Serializable {}

  private ImprovTrainJob() {}

  /** A configuration as Table I writes it: {@code SGD lr=0.0005 decay=0.0005/130 momentum=0.8 nesterov=false}. */
  public static String label(OptimizerSpec optimizer) {
    return TrainReport.label(optimizer);
  }

  /** Seed of grid row {@code row}. */
  static long rowSeed(long seed, int row) {
    return seed + 7919L * row;
  }

  public static Result run(SparkSession spark, Options options) throws IOException {
    long started = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Corpus corpus = CorpusPayload.slice(CorpusPayload.read(options.corpus(), FeatureSet.SPECTRAL, conf),
        options.maxFrames());
    for (String feature : options.plotFeatures()) {
      if (!corpus.normaliser().features().names().contains(feature)) {
        throw new InputException("--plot-features: no feature '" + feature + "'; the corpus has "
            + corpus.normaliser().features().names());
      }
    }
    TrainingWindows windows = TrainingWindows.of(corpus.performances(), corpus.normaliser());
    if (windows.trainCount() < 1 || windows.validationCount() < 1) {
      throw new InputException("corpus " + options.corpus() + ": " + corpus.frames() + " frames give "
          + windows.windowCount() + " windows of " + windows.windowLength()
          + " steps; need at least one for training and one for validation");
    }
    List<HeldOut.Segment> segments =
        HeldOut.segments(windows, options.prime(), options.horizon(), options.segments());
    if (segments.isEmpty()) {
      throw new InputException("corpus " + options.corpus() + ": the validation split has no stretch of "
          + (options.prime() + options.horizon()) + " steps within one performance; lower --prime or --horizon");
    }
    List<Resemblance.Score> echoes = new ArrayList<>();
    for (HeldOut.Segment s : segments) {
      echoes.add(HeldOut.echo(s, corpus.normaliser().features().size()));
    }
    Resemblance.Score echo = Resemblance.Score.mean(echoes);
    LOG.info("improv train: {} frames in {} performances, {} training and {} validation windows, {} held-out "
        + "segments, {} configurations", corpus.frames(), corpus.performances().size(), windows.trainCount(),
        windows.validationCount(), segments.size(), options.grid().size());

    Path outPath = new Path(options.out());
    Path parent = outPath.getParent() != null ? outPath.getParent() : new Path(".");
    PartitionPublisher publisher = PartitionPublisher.forPartition(parent.toString(), outPath.getName(), conf);
    List<RowResult> results;
    try {
      FileSystem fs = publisher.staging().getFileSystem(conf);
      Path models = new Path(publisher.staging(), MODELS);
      fs.mkdirs(models);
      TaskSettings settings = new TaskSettings(options.size(), options.seed(), options.maxEpochs(),
          options.patience(), options.batchSize(), options.trainBatchesPerEpoch(), options.validationBatches(),
          options.prime(), options.horizon(), options.segments(), options.piTemperature(),
          options.sigmaTemperature(), models.toString());
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Broadcast<CorpusPayload> payload = jsc.broadcast(CorpusPayload.of(corpus));
      try {
        results = new ArrayList<>(jsc.parallelize(options.grid(), options.grid().size())
            .map(new TrainTask(payload, settings, new SerializableConfiguration(conf)))
            .collect());
      } finally {
        payload.destroy();
      }
      results.sort(Comparator.comparingInt(RowResult::row));
      TrainReport.write(spark, publisher.staging().toString(), options, corpus, windows, segments, echoes, results);
      publisher.publish();
    } catch (RuntimeException | IOException e) {
      publisher.abandon();
      throw e;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    LOG.info("improv train: {} models and the report in {} after {} s", results.size(), publisher.target(),
        String.format("%.1f", seconds));
    return new Result(publisher.target().toString(), results, echo, corpus.frames(), windows.trainCount(),
        windows.validationCount(), segments.size(), seconds);
  }

  /** Trains, scores and saves the model of one grid row. */
  static final class TrainTask implements Function<GridRow, RowResult> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<CorpusPayload> payload;
    private final TaskSettings settings;
    private final SerializableConfiguration hadoopConf;

    TrainTask(Broadcast<CorpusPayload> payload, TaskSettings settings, SerializableConfiguration hadoopConf) {
      this.payload = payload;
      this.settings = settings;
      this.hadoopConf = hadoopConf;
    }

    @Override
    public RowResult call(GridRow row) throws IOException {
      return train(payload.value().corpus(), row, settings, hadoopConf.value());
    }
  }

  /** One row's work, without Spark: train, evaluate on held-out segments, save. */
  static RowResult train(Corpus corpus, GridRow row, TaskSettings s, Configuration conf) throws IOException {
    long seed = rowSeed(s.seed(), row.row());
    TrainingWindows windows = TrainingWindows.of(corpus.performances(), corpus.normaliser());
    TrainingConfig config = new TrainingConfig(row.optimizer(), s.batchSize(), s.maxEpochs(),
        Math.min(s.patience(), s.maxEpochs()), seed, s.trainBatches(), s.validationBatches());
    List<HeldOut.Segment> segments = HeldOut.segments(windows, s.prime(), s.horizon(), s.segments());
    String name = modelName(row);
    try (Mdrnn model = Mdrnn.create(s.size(), corpus.normaliser(), seed)) {
      TrainingHistory history = MdrnnTrainer.train(model, windows, config, (epoch, train, validation) ->
          LOG.info("row {} ({}): epoch {} train loss {} validation loss {}", row.row(), label(row.optimizer()),
              epoch, String.format("%.3f", train), String.format("%.3f", validation)));
      HeldOut.Evaluation evaluation =
          HeldOut.evaluate(model, segments, s.piTemperature(), s.sigmaTemperature(), seed + 1_000_003L);
      java.nio.file.Path local = Files.createTempFile("synthstack-" + name, ".tmp");
      try {
        model.save(local);
        Path target = new Path(s.modelsDir(), name);
        FileSystem fs = target.getFileSystem(conf);
        fs.copyFromLocalFile(false, true, new Path(local.toUri()), target);
      } finally {
        Files.deleteIfExists(local);
      }
      return new RowResult(row.row(), row.optimizer(), history.trainLoss(), history.validationLoss(),
          history.bestEpoch(), history.bestValidationLoss(), history.stoppedEarly(), history.diverged(),
          history.windowsTrained(), history.trainSeconds(), evaluation.scores(), evaluation.mean(),
          evaluation.generated().get(0), MODELS + "/" + name);
    }
  }

  /** {@code row01-adam-lr0.001.mdrnn}. */
  static String modelName(GridRow row) {
    OptimizerSpec o = row.optimizer();
    StringBuilder name = new StringBuilder(String.format(java.util.Locale.ROOT, "row%02d-%s-lr%s", row.row(),
        o.name().toLowerCase(java.util.Locale.ROOT), o.learningRate()));
    if (o instanceof OptimizerSpec.Sgd sgd) {
      name.append(String.format(java.util.Locale.ROOT, "-m%s%s%s", sgd.momentum(), sgd.nesterov() ? "-nesterov" : "",
          sgd.decay() > 0 ? "-decay" : ""));
    }
    return name + ".mdrnn";
  }
}
