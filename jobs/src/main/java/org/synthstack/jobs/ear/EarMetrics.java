package org.synthstack.jobs.ear;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Confusion matrices from Spark predictions. */
public final class EarMetrics {
  private EarMetrics() {}

  /** Counts (truth, prediction) pairs; both columns hold class indices as doubles. */
  public static ConfusionMatrix confusion(Dataset<Row> predictions, String truthColumn, String predictionColumn,
      List<String> classes) {
    ConfusionMatrix m = new ConfusionMatrix(classes);
    for (Row r : predictions.groupBy(truthColumn, predictionColumn).count().collectAsList()) {
      m.add((int) r.getDouble(0), (int) r.getDouble(1), r.getLong(2));
    }
    return m;
  }

  /** Collapses a MEM's matrix to the DvN decision: any drum class against {@link EarData#NOISE}. */
  public static ConfusionMatrix drumVsNoise(ConfusionMatrix m) {
    int noise = m.classes().indexOf(EarData.NOISE);
    ConfusionMatrix dvn = new ConfusionMatrix(List.of("drum", EarData.NOISE));
    for (int t = 0; t < m.classes().size(); t++) {
      for (int p = 0; p < m.classes().size(); p++) {
        dvn.add(t == noise ? 1 : 0, p == noise ? 1 : 0, m.count(t, p));
      }
    }
    return dvn;
  }
}
