package org.synthstack.jobs.improv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.synthstack.improv.Continuation;
import org.synthstack.improv.Corpus;
import org.synthstack.improv.FeatureSet;
import org.synthstack.improv.HeldOut;
import org.synthstack.improv.MinMaxNormaliser;
import org.synthstack.improv.OptimizerSpec;
import org.synthstack.improv.Performance;
import org.synthstack.improv.PerformanceJson;
import org.synthstack.improv.Resemblance;
import org.synthstack.improv.StepCodec;
import org.synthstack.improv.TrainingWindows;
import org.synthstack.jobs.improv.ImprovTrainJob.Options;
import org.synthstack.jobs.improv.ImprovTrainJob.RowResult;
import org.synthstack.jobs.report.MarkdownTable;
import org.synthstack.jobs.report.Plots;
import org.synthstack.jobs.report.ReportWriter;

/**
 * The study's report, written by the driver into the (staged) output directory:
 *
 * <pre>
 * summary.md                      the Table I equivalent, the resemblance scores, the protocol, links to the plots
 * table1.parquet                  one row per configuration (schema {@link #TABLE})
 * loss_curves.parquet             row, epoch, train and validation loss
 * scores.parquet                  row (0 = the echo reference), segment, per-feature and Δt scores
 * plots/loss-rowNN.png            training and validation loss per epoch
 * plots/validation-loss.png       every row's validation loss
 * plots/resemblance.png           per-segment mean feature distance per row (box plot), echo included
 * plots/feature-distance.png      heatmap: rows × features, mean Wasserstein-1
 * plots/fig-rowNN-FEATURE.png     input, then the true and the predicted continuation (the seed's Figs. 3-12)
 * continuations/input.json, truth.json, rowNN.json   segment 0 as the instrument's JSON
 * models/rowNN-*.mdrnn            written by the tasks
 * </pre>
 */
final class TrainReport {
  static final StructType TABLE = new StructType()
      .add("row", DataTypes.IntegerType, false)
      .add("optimizer", DataTypes.StringType, false)
      .add("learning_rate", DataTypes.DoubleType, false)
      .add("decay", DataTypes.DoubleType, true)
      .add("momentum", DataTypes.DoubleType, true)
      .add("nesterov", DataTypes.BooleanType, true)
      .add("min_validation_loss", DataTypes.DoubleType, false)
      .add("best_epoch", DataTypes.IntegerType, false)
      .add("epochs", DataTypes.IntegerType, false)
      .add("stopped_early", DataTypes.BooleanType, false)
      .add("diverged", DataTypes.BooleanType, false)
      .add("windows_trained", DataTypes.LongType, false)
      .add("train_seconds", DataTypes.DoubleType, false)
      .add("windows_per_second", DataTypes.DoubleType, false)
      .add("mean_feature_distance", DataTypes.DoubleType, false)
      .add("resemblance", DataTypes.DoubleType, false)
      .add("dt_mean_error_ms", DataTypes.DoubleType, false)
      .add("dt_sd_error_ms", DataTypes.DoubleType, false)
      .add("dt_distance_ms", DataTypes.DoubleType, false)
      .add("feature_distance", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("model", DataTypes.StringType, false);

  static final StructType CURVES = new StructType()
      .add("row", DataTypes.IntegerType, false)
      .add("epoch", DataTypes.IntegerType, false)
      .add("train_loss", DataTypes.DoubleType, false)
      .add("validation_loss", DataTypes.DoubleType, false);

  static final StructType SCORES = new StructType()
      .add("row", DataTypes.IntegerType, false)
      .add("configuration", DataTypes.StringType, false)
      .add("segment", DataTypes.IntegerType, false)
      .add("first_step", DataTypes.IntegerType, false)
      .add("mean_feature_distance", DataTypes.DoubleType, false)
      .add("dt_mean_error_ms", DataTypes.DoubleType, false)
      .add("dt_sd_error_ms", DataTypes.DoubleType, false)
      .add("dt_distance_ms", DataTypes.DoubleType, false)
      .add("feature_distance", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

  private TrainReport() {}

  static void write(SparkSession spark, String dir, Options options, Corpus corpus, TrainingWindows windows,
      List<HeldOut.Segment> segments, List<Resemblance.Score> echoes, List<RowResult> rows) throws IOException {
    ReportWriter writer = new ReportWriter(dir, spark.sparkContext().hadoopConfiguration());
    FeatureSet features = corpus.normaliser().features();
    Resemblance.Score echo = Resemblance.Score.mean(echoes);
    writeParquet(spark, dir, segments, echoes, rows);
    writePlots(writer, options, corpus.normaliser(), segments.get(0), echoes, rows);
    writeContinuations(writer, corpus.normaliser(), segments.get(0), rows);
    writer.writeText("summary.md", summary(options, corpus, windows, segments, echo, rows, features));
  }

  private static void writeParquet(SparkSession spark, String dir, List<HeldOut.Segment> segments,
      List<Resemblance.Score> echoes, List<RowResult> rows) {
    List<Row> table = new ArrayList<>();
    List<Row> curves = new ArrayList<>();
    List<Row> scores = new ArrayList<>();
    for (RowResult r : rows) {
      OptimizerSpec o = r.optimizer();
      OptimizerSpec.Sgd sgd = o instanceof OptimizerSpec.Sgd s ? s : null;
      table.add(RowFactory.create(r.row(), o.name(), o.learningRate(), sgd == null ? null : sgd.decay(),
          sgd == null ? null : sgd.momentum(), sgd == null ? null : sgd.nesterov(), r.bestValidationLoss(),
          r.bestEpoch(), r.epochs(), r.stoppedEarly(), r.diverged(), r.windowsTrained(), r.trainSeconds(),
          r.windowsPerSecond(), r.mean().meanFeatureDistance(), r.mean().resemblance(), r.mean().dtMeanErrorMs(),
          r.mean().dtSdErrorMs(), r.mean().dtDistanceMs(), boxed(r.mean().featureDistance()), r.model()));
      for (int e = 0; e < r.epochs(); e++) {
        curves.add(RowFactory.create(r.row(), e + 1, r.trainLoss()[e], r.validationLoss()[e]));
      }
      for (int k = 0; k < r.scores().size(); k++) {
        scores.add(scoreRow(r.row(), label(o), k, segments.get(k).firstStep(), r.scores().get(k)));
      }
    }
    for (int k = 0; k < echoes.size(); k++) {
      scores.add(scoreRow(0, "echo: the input as its own continuation", k, segments.get(k).firstStep(),
          echoes.get(k)));
    }
    spark.createDataFrame(table, TABLE).coalesce(1).write().parquet(dir + "/table1.parquet");
    spark.createDataFrame(curves, CURVES).coalesce(1).write().parquet(dir + "/loss_curves.parquet");
    spark.createDataFrame(scores, SCORES).coalesce(1).write().parquet(dir + "/scores.parquet");
  }

  private static Row scoreRow(int row, String configuration, int segment, int firstStep, Resemblance.Score s) {
    return RowFactory.create(row, configuration, segment, firstStep, s.meanFeatureDistance(), s.dtMeanErrorMs(),
        s.dtSdErrorMs(), s.dtDistanceMs(), boxed(s.featureDistance()));
  }

  private static List<Double> boxed(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(v);
    }
    return list;
  }

  private static void writePlots(ReportWriter writer, Options options, MinMaxNormaliser normaliser,
      HeldOut.Segment segment, List<Resemblance.Score> echoes, List<RowResult> rows) throws IOException {
    List<Plots.Line> validation = new ArrayList<>();
    for (RowResult r : rows) {
      double[] epochs = new double[r.epochs()];
      for (int e = 0; e < epochs.length; e++) {
        epochs[e] = e + 1;
      }
      byte[] png = Plots.lines(String.format(Locale.ROOT, "Row %d: %s", r.row(), label(r.optimizer())),
          "epoch", "loss (MDN negative log-likelihood)", List.of(
              new Plots.Line("training", epochs, finite(r.trainLoss())),
              new Plots.Line("validation", epochs, finite(r.validationLoss()))), false);
      writer.write(String.format(Locale.ROOT, "plots/loss-row%02d.png", r.row()), out -> out.write(png));
      validation.add(new Plots.Line("row " + r.row() + ": " + label(r.optimizer()), epochs,
          finite(r.validationLoss())));
    }
    byte[] all = Plots.lines("Validation loss per configuration", "epoch", "validation loss", validation, false);
    writer.write("plots/validation-loss.png", out -> out.write(all));

    Map<String, double[]> groups = new LinkedHashMap<>();
    groups.put("echo", perSegment(echoes));
    for (RowResult r : rows) {
      groups.put("row " + r.row(), perSegment(r.scores()));
    }
    byte[] boxes = Plots.boxes("Distance to the held-out continuation (per segment; lower is closer)",
        "mean Wasserstein-1 over features (normalised units)", groups);
    writer.write("plots/resemblance.png", out -> out.write(boxes));

    List<String> rowLabels = new ArrayList<>();
    double[][] heat = new double[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      rowLabels.add("row " + rows.get(i).row());
      heat[i] = rows.get(i).mean().featureDistance();
    }
    List<String> featureLabels = new ArrayList<>();
    for (String name : normaliser.features().names()) {
      featureLabels.add(name.replace("Spectral", "").replace("Chroma", "C"));
    }
    byte[] heatmap = Plots.heatmap("Wasserstein-1 per feature (normalised units)", "feature", "configuration",
        featureLabels, rowLabels, round(heat));
    writer.write("plots/feature-distance.png", out -> out.write(heatmap));

    // The seed's Figs. 3-12: input, then what followed, per feature.
    double[] inputTime = times(segment.prime(), -first(segment));
    double end = inputTime[inputTime.length - 1];
    double[] truthTime = times(segment.truth(), end);
    for (RowResult r : rows) {
      double[] predictedTime = times(r.firstContinuation(), end);
      for (String feature : options.plotFeatures()) {
        int f = normaliser.features().names().indexOf(feature);
        byte[] png = Plots.lines(String.format(Locale.ROOT, "Row %d: %s - %s", r.row(), label(r.optimizer()),
            feature), "time (ms)", feature, List.of(
                new Plots.Line("input", inputTime, values(segment.prime(), f, normaliser)),
                new Plots.Line("true continuation", truthTime, values(segment.truth(), f, normaliser)),
                new Plots.Line("predicted continuation", predictedTime,
                    values(r.firstContinuation(), f, normaliser))), false);
        writer.write(String.format(Locale.ROOT, "plots/fig-row%02d-%s.png", r.row(), feature),
            out -> out.write(png));
      }
    }
  }

  private static void writeContinuations(ReportWriter writer, MinMaxNormaliser normaliser, HeldOut.Segment segment,
      List<RowResult> rows) throws IOException {
    StepCodec codec = new StepCodec(normaliser);
    double[] inputTime = times(segment.prime(), -first(segment));
    double end = inputTime[inputTime.length - 1];
    writeJson(writer, "continuations/input.json",
        Continuation.toPerformance("held-out input", codec, -first(segment), segment.prime()));
    writeJson(writer, "continuations/truth.json",
        Continuation.toPerformance("held-out truth", codec, end, segment.truth()));
    for (RowResult r : rows) {
      writeJson(writer, String.format(Locale.ROOT, "continuations/row%02d.json", r.row()),
          Continuation.toPerformance("row " + r.row(), codec, end, r.firstContinuation()));
    }
  }

  /** Minus the first input step's Δt, so the written input starts at 0 ms. */
  private static double first(HeldOut.Segment segment) {
    return Math.abs(segment.prime()[0][0] / StepCodec.SCALE) * 1000.0;
  }

  private static void writeJson(ReportWriter writer, String name, Performance p) throws IOException {
    writer.write(name, out -> PerformanceJson.write(p, out));
  }

  /** Times in ms of {@code steps}: {@code start} plus their cumulative Δt, as {@link Continuation} writes them. */
  static double[] times(float[][] steps, double start) {
    double[] dt = HeldOut.dtMs(steps);
    double[] t = new double[steps.length];
    double now = start;
    for (int i = 0; i < steps.length; i++) {
      now += dt[i];
      t[i] = now;
    }
    return t;
  }

  private static double[] values(float[][] steps, int feature, MinMaxNormaliser normaliser) {
    double[] out = new double[steps.length];
    for (int t = 0; t < steps.length; t++) {
      double v = steps[t][1 + feature] / StepCodec.SCALE;
      v = v < 0 ? 0 : v > 1 ? 1 : v;
      out[t] = normaliser.denormalise(feature, v);
    }
    return out;
  }

  private static double[] perSegment(List<Resemblance.Score> scores) {
    double[] out = new double[scores.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = scores.get(i).meanFeatureDistance();
    }
    return out;
  }

  private static double[] finite(double[] values) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      if (!Double.isFinite(out[i])) {
        out[i] = Double.NaN;
      }
    }
    return out;
  }

  private static double[][] round(double[][] values) {
    double[][] out = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = new double[values[i].length];
      for (int j = 0; j < values[i].length; j++) {
        out[i][j] = Math.round(values[i][j] * 1000) / 1000.0;
      }
    }
    return out;
  }

  /** {@code SGD lr=0.0005 decay=0.0005/130 momentum=0.8 nesterov=false}, numbers as Table I writes them. */
  static String label(OptimizerSpec o) {
    if (o instanceof OptimizerSpec.Sgd sgd) {
      return String.format(Locale.ROOT, "SGD lr=%s decay=%s momentum=%s nesterov=%s", fmt(sgd.learningRate()),
          decay(sgd), fmt(sgd.momentum()), sgd.nesterov());
    }
    return o.name() + " lr=" + fmt(o.learningRate());
  }

  static String decay(OptimizerSpec.Sgd sgd) {
    if (sgd.decay() == 0) {
      return "0";
    }
    double epochs = sgd.learningRate() / sgd.decay();
    if (Math.abs(epochs - Math.rint(epochs)) < 1e-6) {
      return fmt(sgd.learningRate()) + "/" + Math.round(epochs);
    }
    return fmt(sgd.decay());
  }

  /** Plain decimal, as the seed writes its table: 0.0005, 0.00005, 0.8, 1. */
  static String fmt(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static String loss(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "NaN";
  }

  private static String summary(Options o, Corpus corpus, TrainingWindows windows, List<HeldOut.Segment> segments,
      Resemblance.Score echo, List<RowResult> rows, FeatureSet features) {
    StringBuilder md = new StringBuilder();
    md.append("# improv train: optimizers for the real-time improviser's MDRNN\n\n");
    md.append(o.quick() ? "**Quick run**: the protocol shortened (see below); numbers are not the full study's.\n\n"
        : "Full protocol.\n\n");
    md.append("## Protocol\n\n");
    md.append(String.format(Locale.ROOT, "- Model: %s (2 LSTM layers of %d units, 5-component MDN head), seed %d "
        + "(row r trains with seed + 7919·r).%n", o.size(), o.size().units(), o.seed()));
    md.append(String.format(Locale.ROOT, "- Training: batch %d, at most %d epochs, early stopping with patience %d "
        + "on the validation loss, best epoch's weights kept; %s per epoch; validation on %s.%n", o.batchSize(),
        o.maxEpochs(), Math.min(o.patience(), o.maxEpochs()),
        o.trainBatchesPerEpoch() == 0 ? "every training window" : o.trainBatchesPerEpoch() + " batches",
        o.validationBatches() == 0 ? "every validation window" : "the first " + o.validationBatches()
            + " batches of the validation windows"));
    md.append(String.format(Locale.ROOT, "- Corpus: `%s`, %d frames in %d performances%s; %d training windows and "
        + "%d validation windows (the last 10%%) of %d steps.%n", o.corpus(), corpus.frames(),
        corpus.performances().size(), o.maxFrames() > 0 ? " (a slice of about " + o.maxFrames()
            + " frames: every k-th performance)" : "",
        windows.trainCount(), windows.validationCount(), windows.windowLength()));
    md.append(String.format(Locale.ROOT, "- Resemblance: %d held-out segments of the validation split, each %d "
        + "steps of input then %d true steps; each model is primed with the input and generates %d steps "
        + "(π temperature %s, σ temperature %s).%n%n", segments.size(), o.prime(), o.horizon(), o.horizon(),
        fmt(o.piTemperature()), fmt(o.sigmaTemperature())));

    md.append("## Table I\n\n");
    MarkdownTable table = new MarkdownTable("row", "optimizer", "learning rate", "learning-rate decay", "momentum",
        "Nesterov", "minimum validation loss", "at epoch", "epochs run");
    for (RowResult r : rows) {
      OptimizerSpec op = r.optimizer();
      boolean sgd = op instanceof OptimizerSpec.Sgd;
      OptimizerSpec.Sgd s = sgd ? (OptimizerSpec.Sgd) op : null;
      table.row(r.row(), op.name(), fmt(op.learningRate()), sgd ? decay(s) : "-", sgd ? fmt(s.momentum()) : "-",
          sgd ? (s.nesterov() ? "True" : "False") : "-", loss(r.bestValidationLoss()), r.bestEpoch(),
          r.epochs() + (r.diverged() ? " (diverged)" : r.stoppedEarly() ? " (early stop)" : ""));
    }
    md.append(table).append('\n');

    md.append("## Resemblance to the held-out continuation\n\n");
    md.append("Per feature, the Wasserstein-1 distance between the normalised values ([0, 1]) of the generated and "
        + "the true continuation, averaged over features and segments (0 = the same distribution; a shift by c "
        + "gives c). Resemblance = 1 − that distance. Timing: errors of the mean and standard deviation of Δt, "
        + "and the Wasserstein-1 distance between the Δt distributions, in ms. The echo row offers each "
        + "segment's input as its continuation: a model should beat it.\n\n");
    MarkdownTable scores = new MarkdownTable("row", "configuration", "feature W1 (mean ± sd over segments)",
        "resemblance", "Δt mean error (ms)", "Δt sd error (ms)", "Δt W1 (ms)", "mean Δt, segment 0 (ms)");
    for (RowResult r : rows) {
      scores.row(r.row(), label(r.optimizer()), meanSd(r.scores()),
          String.format(Locale.ROOT, "%.1f%%", 100 * r.mean().resemblance()), ms(r.mean().dtMeanErrorMs()),
          ms(r.mean().dtSdErrorMs()), ms(r.mean().dtDistanceMs()), ms(meanDt(r.firstContinuation())));
    }
    scores.row("-", "echo (input as continuation)", String.format(Locale.ROOT, "%.3f", echo.meanFeatureDistance()),
        String.format(Locale.ROOT, "%.1f%%", 100 * echo.resemblance()), ms(echo.dtMeanErrorMs()),
        ms(echo.dtSdErrorMs()), ms(echo.dtDistanceMs()), ms(meanDt(segments.get(0).truth())) + " (truth)");
    md.append(scores).append('\n');
    RowResult closest = rows.stream().min(java.util.Comparator.comparingDouble(r -> r.mean().meanFeatureDistance()))
        .orElseThrow();
    RowResult lowest = rows.stream().min(java.util.Comparator.comparingDouble(r ->
        Double.isFinite(r.bestValidationLoss()) ? r.bestValidationLoss() : Double.MAX_VALUE)).orElseThrow();
    md.append(String.format(Locale.ROOT, "Closest continuation: row %d (%s). Lowest validation loss: row %d (%s).%n%n",
        closest.row(), label(closest.optimizer()), lowest.row(), label(lowest.optimizer())));

    md.append("## Training time\n\n");
    MarkdownTable time = new MarkdownTable("row", "windows trained", "training time (s)", "windows/s");
    for (RowResult r : rows) {
      time.row(r.row(), r.windowsTrained(), String.format(Locale.ROOT, "%.1f", r.trainSeconds()),
          String.format(Locale.ROOT, "%.0f", r.windowsPerSecond()));
    }
    md.append(time).append('\n');

    md.append("## Plots\n\n");
    md.append("- Validation loss of every row: ![](plots/validation-loss.png)\n");
    md.append("- Distance per segment: ![](plots/resemblance.png)\n");
    md.append("- Distance per feature: ![](plots/feature-distance.png)\n");
    for (RowResult r : rows) {
      md.append(String.format(Locale.ROOT, "- Row %d (%s): [loss](plots/loss-row%02d.png)", r.row(),
          label(r.optimizer()), r.row()));
      for (String f : o.plotFeatures()) {
        md.append(String.format(Locale.ROOT, ", [%s](plots/fig-row%02d-%s.png)", f, r.row(), f));
      }
      md.append('\n');
    }
    md.append("\nFeatures: ").append(String.join(", ", features.names())).append(".\n");
    return md.toString();
  }

  private static String meanSd(List<Resemblance.Score> scores) {
    double[] ms = Plots.meanAndSd(perSegment(scores));
    return String.format(Locale.ROOT, "%.3f ± %.3f", ms[0], ms[1]);
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static double meanDt(float[][] steps) {
    double[] dt = HeldOut.dtMs(steps);
    double sum = 0;
    for (double d : dt) {
      sum += d;
    }
    return dt.length == 0 ? 0 : sum / dt.length;
  }
}
