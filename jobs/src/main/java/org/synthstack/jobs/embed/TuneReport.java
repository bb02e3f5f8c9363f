package org.synthstack.jobs.embed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.synthstack.jobs.report.MarkdownTable;
import org.synthstack.jobs.report.Plots;
import org.synthstack.jobs.report.ReportWriter;
import org.synthstack.learn.AutoencoderSpec;
import org.synthstack.learn.Hyperparameters;
import org.synthstack.learn.ModelType;
import org.synthstack.learn.TrialOutcome;
import org.synthstack.learn.TrialRecord;
import org.synthstack.learn.Tuner;

/** The tuning report: {@code report.md}, {@code best_loss_vs_trials.png} and {@code trials.parquet}. */
final class TuneReport {
  static final double TARGET_FRACTION = 0.05;

  static final StructType TRIALS = new StructType()
      .add("strategy", DataTypes.StringType, false)
      .add("trial", DataTypes.IntegerType, false)
      .add("batch", DataTypes.IntegerType, false)
      .add("model_type", DataTypes.StringType, false)
      .add("optimizer", DataTypes.StringType, false)
      .add("hidden_layers", DataTypes.IntegerType, false)
      .add("time_steps", DataTypes.IntegerType, false)
      .add("frequency_bins", DataTypes.IntegerType, false)
      .add("latent_size", DataTypes.IntegerType, false)
      .add("dropout", DataTypes.DoubleType, false)
      .add("learning_rate", DataTypes.DoubleType, false)
      .add("regularization", DataTypes.DoubleType, false)
      .add("test_loss", DataTypes.DoubleType, true)
      .add("failed", DataTypes.BooleanType, false)
      .add("message", DataTypes.StringType, false)
      .add("seconds", DataTypes.DoubleType, false)
      .add("best_so_far", DataTypes.DoubleType, true);

  private TuneReport() {}

  static void write(SparkSession spark, TuneAutoencoderJob.Options o, TuneAutoencoderJob.Result r,
      TrialOutcome finalModel) throws IOException {
    ReportWriter report = new ReportWriter(o.reportDir(), spark.sparkContext().hadoopConfiguration());
    List<Row> rows = new ArrayList<>();
    List<Plots.Line> lines = new ArrayList<>();
    for (Map.Entry<Tuner.Strategy, List<TrialRecord>> e : r.trials().entrySet()) {
      double[] best = Tuner.bestSoFar(e.getValue());
      for (TrialRecord t : e.getValue()) {
        Hyperparameters h = t.hyperparameters();
        AutoencoderSpec s = h.spec();
        rows.add(RowFactory.create(t.strategy(), t.index(), t.batch(), s.type().name(), h.optimizer().name(),
            hiddenLayers(s), s.timeSteps(), s.frequencyBins(), s.latent(), s.dropout(), h.learningRate(), h.l2(),
            t.failed() ? null : t.loss(), t.failed(), t.message(), t.seconds(),
            Double.isNaN(best[t.index()]) ? null : best[t.index()]));
      }
      lines.add(line(e.getKey().name(), best));
    }
    spark.createDataFrame(rows, TRIALS).coalesce(1).write().mode("overwrite")
        .parquet(new org.apache.hadoop.fs.Path(report.directory(), "trials.parquet").toString());
    report.write("best_loss_vs_trials.png", out -> out.write(Plots.lines("Best test loss so far (MSE)", "trials",
        "best test MSE", lines, true)));
    report.writeText("report.md", markdown(o, r, finalModel));
  }

  /** The curve from the first successful trial on (the plot's log axis cannot show the NaN before it). */
  private static Plots.Line line(String name, double[] best) {
    int first = 0;
    while (first < best.length && Double.isNaN(best[first])) {
      first++;
    }
    double[] x = new double[best.length - first];
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = first + i + 1;
      y[i] = best[first + i];
    }
    return new Plots.Line(name, x, y);
  }

  /** Table 9's "hidden layers": 1 or 2 for FC, 0 (not applicable) for CNN. */
  private static int hiddenLayers(AutoencoderSpec s) {
    return s.type() == ModelType.CNN ? 0 : s.extraHidden() ? 2 : 1;
  }

  static String markdown(TuneAutoencoderJob.Options o, TuneAutoencoderJob.Result r, TrialOutcome finalModel) {
    StringBuilder md = new StringBuilder("# Autoencoder tuning\n\n");
    md.append(String.format(Locale.ROOT, "%d trials per search (batches of %d as Spark tasks; EGO starts from a "
        + "%d-point Latin hypercube), %d epochs per trial, batch size %d, seed %d, %.0f s in all. Test loss = MSE of "
        + "the reconstruction of held-out spectra on the model's own bins × steps grid.%n%n", o.budget(), o.batch(),
        o.initialDesign(), o.epochs(), o.batchSize(), o.seed(), r.seconds()));
    md.append(String.format(Locale.ROOT, "Predicting every cell by its training mean scores %.5f on the stored "
        + "30 × 20 grid (the floor any useful model must beat).%n%n", r.meanBaseline()));
    double overall = r.best().loss();
    MarkdownTable summary = new MarkdownTable("search", "best test loss", "trials to within 5% of own best",
        "trials to within 5% of overall best", "failed trials", "mean trial s");
    for (Map.Entry<Tuner.Strategy, List<TrialRecord>> e : r.trials().entrySet()) {
      List<TrialRecord> list = e.getValue();
      double[] best = Tuner.bestSoFar(list);
      double own = best[best.length - 1];
      long failed = list.stream().filter(TrialRecord::failed).count();
      double seconds = list.stream().mapToDouble(TrialRecord::seconds).average().orElse(Double.NaN);
      summary.row(e.getKey().name(), fmt(own), count(Tuner.trialsToWithin(list, own, TARGET_FRACTION)),
          count(Tuner.trialsToWithin(list, overall, TARGET_FRACTION)), failed, String.format(Locale.ROOT, "%.1f",
              seconds));
    }
    md.append("## Searches\n\n").append(summary).append("\n![best loss vs trials](best_loss_vs_trials.png)\n\n");

    md.append("## Best hyperparameters (as seed 000's Table 8)\n\n");
    List<String> header = new ArrayList<>(List.of("Hyper-Param."));
    List<Hyperparameters> columns = new ArrayList<>();
    List<String> losses = new ArrayList<>();
    for (Map.Entry<Tuner.Strategy, List<TrialRecord>> e : r.trials().entrySet()) {
      TrialRecord b = bestOf(e.getValue());
      if (b != null) {
        header.add(e.getKey().name() + " best (trial " + (b.index() + 1) + ")");
        columns.add(b.hyperparameters());
        losses.add(fmt(b.loss()));
      }
    }
    header.add("paper's Table 8");
    columns.add(Hyperparameters.tableEight());
    losses.add(r.reference() == null ? "not run" : r.reference().failed() ? "failed: " + r.reference().message()
        : fmt(r.reference().loss()) + " (trained here)");
    MarkdownTable table = new MarkdownTable(header.toArray(new String[0]));
    table.row(cells("Model Type", columns, h -> h.spec().type().name()));
    table.row(cells("Optimizer", columns, h -> h.optimizer() == org.synthstack.learn.OptimizerKind.ADAM ? "Adam"
        : "SGD"));
    table.row(cells("Hidden Layers", columns, h -> h.spec().type() == ModelType.CNN ? "Not Applicable"
        : h.spec().extraHidden() ? "2" : "1"));
    table.row(cells("Learning Rate", columns, h -> String.format(Locale.ROOT, "%.4g", h.learningRate())));
    table.row(cells("Frequency Bins", columns, h -> Integer.toString(h.spec().frequencyBins())));
    table.row(cells("Time Steps", columns, h -> Integer.toString(h.spec().timeSteps())));
    table.row(cells("Latent Size", columns, h -> Integer.toString(h.spec().latent())));
    table.row(cells("Regularization", columns, h -> String.format(Locale.ROOT, "%.3g", h.l2())));
    table.row(cells("Dropout Rate", columns, h -> Double.toString(h.spec().dropout())));
    List<Object> lossRow = new ArrayList<>(List.of("Test loss"));
    lossRow.addAll(losses);
    table.row(lossRow.toArray());
    md.append(table).append('\n');
    md.append(String.format(Locale.ROOT, "The saved model (`%s`) is the overall best, %s trial %d, retrained on the "
        + "driver with the same seed: test loss %s.%n%n", o.modelDir(), r.best().strategy(), r.best().index() + 1,
        fmt(finalModel.loss())));
    md.append("Losses on different bins × steps grids are not strictly comparable (a coarser grid is smoother and "
        + "easier to reconstruct); the paper compared them the same way.\n\n");
    md.append("Files: `trials.parquet` (one row per trial, failed trials included with a null loss and their error), "
        + "`best_loss_vs_trials.png`.\n");
    return md.toString();
  }

  private static Object[] cells(String name, List<Hyperparameters> columns,
      java.util.function.Function<Hyperparameters, String> f) {
    Object[] row = new Object[columns.size() + 1];
    row[0] = name;
    for (int i = 0; i < columns.size(); i++) {
      row[i + 1] = f.apply(columns.get(i));
    }
    return row;
  }

  private static TrialRecord bestOf(List<TrialRecord> list) {
    TrialRecord best = null;
    for (TrialRecord t : list) {
      if (!t.failed() && (best == null || t.loss() < best.loss())) {
        best = t;
      }
    }
    return best;
  }

  private static String count(int trials) {
    return trials < 0 ? "not reached" : Integer.toString(trials);
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.5f", v);
  }

  /** Test MSE of predicting every cell by its training mean, on the stored grid. */
  static double meanPredictorLoss(SpectraData d) {
    int width = d.features().size();
    double[] mean = new double[width];
    for (int i = 0; i < d.trainCount(); i++) {
      for (int j = 0; j < width; j++) {
        mean[j] += d.train()[i * width + j];
      }
    }
    for (int j = 0; j < width; j++) {
      mean[j] /= d.trainCount();
    }
    double sum = 0;
    for (int i = 0; i < d.testCount(); i++) {
      for (int j = 0; j < width; j++) {
        double e = d.test()[i * width + j] - mean[j];
        sum += e * e;
      }
    }
    return sum / ((double) d.testCount() * width);
  }
}
