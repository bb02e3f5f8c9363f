package org.synthstack.jobs.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report plots, rendered headless to PNG with XChart. */
public final class Plots {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;
  /** Line colours, distinguishable in colour and greyscale (Okabe-Ito, then darker extras). */
  private static final Color[] PALETTE = {
    new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
    new Color(86, 180, 233), new Color(230, 159, 0), new Color(0, 0, 0), new Color(120, 120, 120),
    new Color(140, 60, 30), new Color(60, 60, 150)};

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /** One line of an XY plot, optionally with a shaded band (e.g. mean with its spread). */
  public record Line(String name, double[] x, double[] y, double[] low, double[] high) {
    public Line(String name, double[] x, double[] y) {
      this(name, x, y, null, null);
    }
  }

  /** Lines (with optional bands) against a shared x axis. */
  public static byte[] lines(String title, String xLabel, String yLabel, List<Line> lines, boolean logY)
      throws IOException {
    return lines(title, xLabel, yLabel, lines, false, logY);
  }

  /** Lines (with optional bands) against a shared x axis, either axis optionally logarithmic (values must be > 0). */
  public static byte[] lines(String title, String xLabel, String yLabel, List<Line> lines, boolean logX, boolean logY)
      throws IOException {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setLegendVisible(lines.size() > 1 || lines.stream().anyMatch(l -> l.low() != null));
    java.awt.BasicStroke dashed = new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT,
        java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {4f}, 0f);
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      // Explicit colours: XChart assigns its own only when painting, so a band could not match its line otherwise.
      Color c = PALETTE[i % PALETTE.length];
      if (line.low() != null) {
        XYSeries band = chart.addSeries(line.name() + " spread", line.x(), line.high(), null);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        band.setMarker(SeriesMarkers.NONE);
        band.setLineColor(c);
        band.setLineStyle(dashed);
        XYSeries lowBand = chart.addSeries(line.name() + " spread (low)", line.x(), line.low(), null);
        lowBand.setMarker(SeriesMarkers.NONE);
        lowBand.setShowInLegend(false);
        lowBand.setLineColor(c);
        lowBand.setLineStyle(dashed);
      }
      XYSeries s = chart.addSeries(line.name(), line.x(), line.y());
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(c);
    }
    return png(chart);
  }

  /** A box plot per group: the distribution of fold scores per model, say. */
  public static byte[] boxes(String title, String yLabel, Map<String, double[]> groups) throws IOException {
    BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yLabel).build();
    for (Map.Entry<String, double[]> e : groups.entrySet()) {
      chart.addSeries(e.getKey(), e.getValue());
    }
    return png(chart);
  }

  /** A heatmap with labelled rows and columns, e.g. a confusion matrix ({@code values[row][column]}). */
  public static byte[] heatmap(String title, String xLabel, String yLabel, List<String> columns, List<String> rows,
      double[][] values) throws IOException {
    HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    chart.getStyler().setShowValue(true);
    // Two decimals: XChart prints the full double otherwise, and row-normalised confusions overflow their cells.
    chart.getStyler().setHeatMapValueDecimalPattern("0.##");
    List<Number[]> cells = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns.size(); c++) {
        cells.add(new Number[] {c, r, values[r][c]});
      }
    }
    chart.addSeries(title, columns, rows, cells);
    return png(chart);
  }

  private static byte[] png(Chart<?, ?> chart) throws IOException {
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }

  /** Mean and standard deviation of {@code values}. */
  public static double[] meanAndSd(double[] values) {
    double mean = Arrays.stream(values).average().orElse(Double.NaN);
    double var = 0;
    for (double v : values) {
      var += (v - mean) * (v - mean);
    }
    return new double[] {mean, values.length > 1 ? Math.sqrt(var / (values.length - 1)) : 0};
  }
}
