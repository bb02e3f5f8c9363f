package org.synthstack.jobs.ear;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.synthstack.jobs.report.MarkdownTable;
import org.synthstack.jobs.report.Plots;

/** The Markdown report of {@code train-ear}. */
final class EarReport {
  private EarReport() {}

  static Map<String, double[]> perModel(List<TrainEarJob.FoldScore> scores, String evaluation,
      ToDoubleFunction<ConfusionMatrix> metric) {
    Map<String, java.util.List<Double>> lists = new LinkedHashMap<>();
    for (TrainEarJob.FoldScore s : scores) {
      if (s.evaluation().equals(evaluation)) {
        lists.computeIfAbsent(s.model(), k -> new java.util.ArrayList<>()).add(metric.applyAsDouble(s.confusion()));
      }
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    lists.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    return out;
  }

  static ConfusionMatrix pooled(List<TrainEarJob.FoldScore> scores, String evaluation, String model,
      List<String> classes) {
    ConfusionMatrix m = new ConfusionMatrix(classes);
    for (TrainEarJob.FoldScore s : scores) {
      if (s.evaluation().equals(evaluation) && s.model().equals(model)) {
        m.addAll(s.confusion());
      }
    }
    return m;
  }

  static String markdown(TrainEarJob.Options o, List<TrainEarJob.FoldScore> scores, List<String> classes,
      String best) {
    StringBuilder md = new StringBuilder("# Virtual ear: model comparison\n\n");
    md.append(String.format(Locale.ROOT, "Drums: %s. Noise: %s. Class weights: %s. Seed %d.%n%n", o.drums(),
        o.noise(), o.weighting().name().toLowerCase(Locale.ROOT), o.seed()));
    md.append(o.inputs() == EarData.Inputs.HAND ? "Features: hand (envelope 10, frequency 50, spectrum 30 × 20).\n\n"
        : "Features: envelope 10 + autoencoder embedding (the paper's MEM inputs).\n\n");
    ConfusionMatrix all = pooled(scores, "cv", best, classes);
    md.append("Sounds per class: ");
    for (int k = 0; k < classes.size(); k++) {
      long n = 0;
      for (int p = 0; p < classes.size(); p++) {
        n += all.count(k, p);
      }
      md.append(k == 0 ? "" : ", ").append(classes.get(k)).append(' ').append(n);
    }
    md.append(".\n\n## MEM, ").append(o.folds()).append("-fold stratified cross-validation (mean ± sd over folds)\n\n");
    md.append(table(scores, "cv", classes));
    md.append("\n![macro-F1 per fold](macro_f1_by_model.png)\n\n![accuracy per fold](accuracy_by_model.png)\n\n");
    md.append("Best probabilistic model, saved as the ear: **").append(best).append("**.\n\n");
    md.append("![confusion of the best model](confusion_").append(best).append(".png)\n\n");
    md.append("## TPE (DvN, then DvD), same folds\n\n").append(table(scores, "tpe", classes));
    md.append("\n## Unseen kits (").append(o.kitFolds()).append(" folds; every kit in one fold only)\n\n");
    md.append("The honest number: no test sound comes from a kit the model was trained on.\n\n");
    md.append(table(scores, "unseen-kit", classes));
    return md.toString();
  }

  private static String table(List<TrainEarJob.FoldScore> scores, String evaluation, List<String> classes) {
    String[] header = new String[4 + classes.size()];
    header[0] = "model";
    header[1] = "macro-F1";
    header[2] = "accuracy";
    header[3] = "DvN accuracy";
    for (int k = 0; k < classes.size(); k++) {
      header[4 + k] = "F1 " + classes.get(k);
    }
    MarkdownTable t = new MarkdownTable(header);
    Map<String, double[]> f1 = perModel(scores, evaluation, ConfusionMatrix::macroF1);
    Map<String, double[]> acc = perModel(scores, evaluation, ConfusionMatrix::accuracy);
    Map<String, double[]> dvn = perModel(scores, evaluation, m -> EarMetrics.drumVsNoise(m).accuracy());
    for (String model : f1.keySet()) {
      Object[] row = new Object[header.length];
      row[0] = model;
      row[1] = meanSd(f1.get(model));
      row[2] = meanSd(acc.get(model));
      row[3] = meanSd(dvn.get(model));
      for (int k = 0; k < classes.size(); k++) {
        int kk = k;
        row[4 + k] = String.format(Locale.ROOT, "%.3f", Plots.meanAndSd(
            perModel(scores, evaluation, m -> m.f1(kk)).get(model))[0]);
      }
      t.row(row);
    }
    return t.toString();
  }

  private static String meanSd(double[] v) {
    double[] ms = Plots.meanAndSd(v);
    return String.format(Locale.ROOT, "%.3f ± %.3f", ms[0], ms[1]);
  }
}
