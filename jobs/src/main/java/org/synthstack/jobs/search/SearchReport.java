package org.synthstack.jobs.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.synthstack.jobs.ear.Ear;
import org.synthstack.jobs.report.MarkdownTable;
import org.synthstack.jobs.report.Plots;
import org.synthstack.jobs.report.ReportWriter;
import org.synthstack.synth.search.Axis;
import org.synthstack.synth.search.EliteArchive;
import org.synthstack.synth.search.Grid;
import org.synthstack.synth.search.SearchMethod;
import org.synthstack.synth.search.TrajectoryPoint;

/**
 * The search report: drums kept per 1000 rendered programs per method, archive coverage and QD-score, the second
 * ear's agreement, plots of best fitness, coverage and QD-score against the budget, a heatmap of each method's
 * archive per class, and the trajectories as Parquet.
 */
final class SearchReport {
  private SearchReport() {}

  static void write(SparkSession spark, String dir, SearchJob.Options o, Ear ear, Ear check,
      List<SearchJob.MethodRun> runs, List<SearchJob.Agreement> agreement) throws IOException {
    EliteArchive first = runs.get(0).outcome().archive();
    ReportWriter report = new ReportWriter(dir, spark.sparkContext().hadoopConfiguration());
    writeTrajectories(spark, report, runs);
    StringBuilder md = new StringBuilder();
    md.append("# search ").append(o.date()).append("\n\n");
    md.append(String.format(Locale.ROOT, "Target **%s**; %d rendered programs per method in generations of %d; seed "
        + "%d; initial stack sizes %s. Ear: `%s` (%s, CV macro-F1 %.3f).%n%n", o.target(), o.budget(),
        o.generationSize(), o.seed(), o.stackSizes(), o.modelDir(), ear.metadata().model(),
        ear.metadata().cvMacroF1()));
    md.append(String.format(Locale.ROOT, "Each class has its own grid over the same descriptors, spanning where that "
        + "class's real drums lie (log axes; values outside fall into the edge cells). A cell is filled when its "
        + "elite is a drum of that class by the keep rule (the ear's most probable class, with P >= %.2f); fitness is "
        + "the ear's probability of the class; QD-score is the sum of the filled cells' fitness.%n%n",
        o.minProbability()));
    MarkdownTable grids = new MarkdownTable("class", "grid", "cells");
    for (int layer = 0; layer < first.layers(); layer++) {
      Grid g = first.grid(layer);
      StringBuilder axes = new StringBuilder();
      for (int i = 0; i < g.axes().size(); i++) {
        Axis a = g.axes().get(i);
        axes.append(i == 0 ? "" : " x ").append(String.format(Locale.ROOT, "%s %s..%s%s (%d bins)", a.name(),
            num(a.low()), num(a.high()), a.unit().isEmpty() ? "" : " " + a.unit(), a.bins()));
      }
      grids.row(first.layerName(layer), axes, g.cells());
    }
    md.append(grids).append('\n');
    md.append("## Drums kept per 1000 rendered programs\n\n");
    md.append(keptTable(runs, o.target())).append('\n');
    md.append("## Archive coverage and QD-score\n\n");
    md.append(archiveTable(runs)).append('\n');
    md.append("![best fitness](best_fitness.png)\n\n![coverage](coverage.png)\n\n![QD-score](qd_score.png)\n\n");
    if (check != null) {
      md.append("## Second ear\n\n");
      md.append(String.format(Locale.ROOT, "The kept elites (filled cells) checked by a second, independently "
          + "trained ear: `%s` (%s, CV macro-F1 %.3f). *Drum* is the fraction it also calls a drum; *same class* the "
          + "fraction it gives the same class.%n%n", o.checkModelDir(), check.metadata().model(),
          check.metadata().cvMacroF1()));
      md.append(agreementTable(agreement)).append('\n');
    }
    md.append("## Archives\n\nFitness of each cell's elite (0: no drum of that class found there).\n\n");
    for (SearchJob.MethodRun run : runs) {
      EliteArchive archive = run.outcome().archive();
      for (int layer = 0; layer < archive.layers(); layer++) {
        String name = heatmapName(run.method(), archive.layerName(layer));
        if (archive.grid(layer).axes().size() == 2) {
          byte[] png = heatmap(archive, layer, run.method());
          report.write(name, out -> out.write(png));
          md.append("![").append(run.method().cliName()).append(' ').append(archive.layerName(layer)).append("](")
              .append(name).append(")\n\n");
        }
      }
    }
    report.writeText("report.md", md.toString());
    report.write("best_fitness.png", out -> out.write(Plots.lines("Best fitness (" + o.target()
        + ") against rendered programs", "programs rendered", "best fitness", lines(runs, Metric.BEST), false)));
    report.write("coverage.png", out -> out.write(Plots.lines("Archive coverage against rendered programs",
        "programs rendered", "filled cells / all cells", lines(runs, Metric.COVERAGE), false)));
    report.write("qd_score.png", out -> out.write(Plots.lines("QD-score against rendered programs",
        "programs rendered", "QD-score", lines(runs, Metric.QD), false)));
  }

  static String heatmapName(SearchMethod method, String layer) {
    return "archive_" + method.cliName() + "_" + layer + ".png";
  }

  private static String keptTable(List<SearchJob.MethodRun> runs, String target) {
    MarkdownTable t = new MarkdownTable("method", "rendered", "kept drums", "per 1000",
        "kept " + target + " per 1000", "distinct kept", "vs random", "best fitness", "seconds");
    double randomRate = Double.NaN;
    for (SearchJob.MethodRun r : runs) {
      if (r.method() == SearchMethod.RANDOM) {
        TrajectoryPoint p = r.outcome().last();
        randomRate = 1000.0 * p.kept() / p.rendered();
      }
    }
    for (SearchJob.MethodRun r : runs) {
      TrajectoryPoint p = r.outcome().last();
      double rate = 1000.0 * p.kept() / p.rendered();
      String versus = Double.isNaN(randomRate) ? "-" : randomRate == 0 ? "random kept none"
          : String.format(Locale.ROOT, "%.0fx", rate / randomRate);
      t.row(r.method().cliName(), p.rendered(), p.kept(), String.format(Locale.ROOT, "%.2f", rate),
          String.format(Locale.ROOT, "%.2f", 1000.0 * p.keptTarget() / p.rendered()), p.distinctKept(), versus,
          String.format(Locale.ROOT, "%.3f", p.bestFitness()), String.format(Locale.ROOT, "%.0f", r.seconds()));
    }
    return t.toString();
  }

  private static String archiveTable(List<SearchJob.MethodRun> runs) {
    MarkdownTable t = new MarkdownTable("method", "class", "filled cells", "coverage", "QD-score",
        "mean fitness of filled");
    for (SearchJob.MethodRun r : runs) {
      EliteArchive a = r.outcome().archive();
      for (int layer = 0; layer < a.layers(); layer++) {
        int filled = a.filled(layer);
        t.row(r.method().cliName(), a.layerName(layer), filled + " / " + a.grid(layer).cells(),
            String.format(Locale.ROOT, "%.0f%%", 100 * a.coverage(layer)),
            String.format(Locale.ROOT, "%.2f", a.qdScore(layer)),
            filled == 0 ? "-" : String.format(Locale.ROOT, "%.3f", a.qdScore(layer) / filled));
      }
    }
    return t.toString();
  }

  private static String agreementTable(List<SearchJob.Agreement> agreement) {
    MarkdownTable t = new MarkdownTable("method", "class", "kept elites", "second ear: drum",
        "second ear: same class");
    String method = null;
    int kept = 0;
    int drum = 0;
    int same = 0;
    for (int i = 0; i <= agreement.size(); i++) {
      SearchJob.Agreement a = i < agreement.size() ? agreement.get(i) : null;
      if (method != null && (a == null || !a.method().equals(method))) {
        t.row(method, "all", kept, pct(drum, kept), pct(same, kept));
        kept = 0;
        drum = 0;
        same = 0;
      }
      if (a == null) {
        break;
      }
      method = a.method();
      kept += a.kept();
      drum += a.checkedDrum();
      same += a.sameLabel();
      t.row(a.method(), a.layer(), a.kept(), pct(a.checkedDrum(), a.kept()), pct(a.sameLabel(), a.kept()));
    }
    return t.toString();
  }

  private static String pct(int part, int whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.0f%% (%d)", 100.0 * part / whole, part);
  }

  private static String num(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
  }

  private enum Metric { BEST, COVERAGE, QD }

  private static List<Plots.Line> lines(List<SearchJob.MethodRun> runs, Metric metric) {
    List<Plots.Line> lines = new ArrayList<>();
    for (SearchJob.MethodRun r : runs) {
      List<TrajectoryPoint> points = r.outcome().trajectory();
      double[] x = new double[points.size()];
      double[] y = new double[points.size()];
      for (int i = 0; i < x.length; i++) {
        TrajectoryPoint p = points.get(i);
        x[i] = p.rendered();
        y[i] = switch (metric) {
          case BEST -> p.bestFitness();
          case COVERAGE -> p.coverage();
          case QD -> p.qdScore();
        };
      }
      lines.add(new Plots.Line(r.method().cliName(), x, y));
    }
    return lines;
  }

  private static byte[] heatmap(EliteArchive archive, int layer, SearchMethod method) throws IOException {
    Grid grid = archive.grid(layer);
    Axis xAxis = grid.axes().get(0);
    Axis yAxis = grid.axes().get(1);
    List<String> columns = new ArrayList<>();
    for (int b = 0; b < xAxis.bins(); b++) {
      columns.add(xAxis.label(b));
    }
    List<String> rows = new ArrayList<>();
    for (int b = 0; b < yAxis.bins(); b++) {
      rows.add(yAxis.label(b));
    }
    double[][] values = new double[yAxis.bins()][xAxis.bins()];
    for (EliteArchive.Elite e : archive.qualified()) {
      if (e.layer() == layer) {
        int[] c = grid.coordinates(e.cell());
        values[c[1]][c[0]] = Math.round(e.fitness() * 100) / 100.0;
      }
    }
    return Plots.heatmap(method.cliName() + ": " + archive.layerName(layer) + " archive, " + archive.filled(layer)
        + " of " + grid.cells() + " cells filled", xAxis.name() + (xAxis.unit().isEmpty() ? "" : " (" + xAxis.unit() + ")"),
        yAxis.name() + (yAxis.unit().isEmpty() ? "" : " (" + yAxis.unit() + ")"), columns, rows, values);
  }

  private static void writeTrajectories(SparkSession spark, ReportWriter report, List<SearchJob.MethodRun> runs) {
    StructType schema = new StructType().add("method", DataTypes.StringType, false)
        .add("generation", DataTypes.IntegerType, false).add("rendered", DataTypes.LongType, false)
        .add("best_fitness", DataTypes.DoubleType, false).add("kept", DataTypes.LongType, false)
        .add("kept_target", DataTypes.LongType, false).add("distinct_kept", DataTypes.LongType, false)
        .add("filled", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
        .add("coverage", DataTypes.DoubleType, false).add("qd_score", DataTypes.DoubleType, false);
    List<Row> rows = new ArrayList<>();
    for (SearchJob.MethodRun r : runs) {
      for (TrajectoryPoint p : r.outcome().trajectory()) {
        rows.add(RowFactory.create(r.method().cliName(), p.generation(), p.rendered(), p.bestFitness(), p.kept(),
            p.keptTarget(), p.distinctKept(), p.filled(), p.coverage(), p.qdScore()));
      }
    }
    spark.createDataFrame(rows, schema).coalesce(1).write().mode("overwrite")
        .parquet(new org.apache.hadoop.fs.Path(report.directory(), "trajectories.parquet").toString());
  }
}
