package org.synthstack.jobs.ear;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.synthstack.learn.NeuralClassifier;

/**
 * Seed 000's neural two-phase ear (appendix C.1) on the same folds as the MLlib models: DvN by the FC network on the
 * envelope (hidden 10, 5, 10; the paper's FC-DvN), then DvD by the E/F network on envelope + frequency (hidden 50,
 * 10; the paper's E/F-DvD); a test sound is noise unless DvN says drum. PReLU, softmax cross-entropy, Adam (lr 1e-3,
 * batch 32), until the training loss stalls for 10 epochs (at most 200). The CNN and CNN-LSTM ears are not built.
 * The data are small (a few thousand sounds), so every fold trains on the driver.
 */
final class NeuralTpe {
  static final String NAME = "neural FC-DvN + E/F-DvD";
  private static final int[] DVN_HIDDEN = {10, 5, 10};
  private static final int[] DVD_HIDDEN = {50, 10};
  private static final int ENVELOPE = 10;
  private static final int ENVELOPE_FREQUENCY = 60;

  private NeuralTpe() {}

  /** Needs the hand feature vector (envelope first, then frequency). */
  static List<TrainEarJob.FoldScore> evaluate(Dataset<Row> folded, int folds, List<String> classes, long seed) {
    return evaluate(folded, folds, classes, seed, 1e-3, 200);
  }

  /** With the learning rate and the epoch limit chosen (tests train briefly). */
  static List<TrainEarJob.FoldScore> evaluate(Dataset<Row> folded, int folds, List<String> classes, long seed,
      double learningRate, int maxEpochs) {
    List<Row> rows = folded.select("label_index", "fold", "features").orderBy("id").collectAsList();
    int n = rows.size();
    int noise = classes.indexOf(EarData.NOISE);
    float[] ef = new float[n * ENVELOPE_FREQUENCY];
    int[] label = new int[n];
    int[] fold = new int[n];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      label[i] = (int) r.getDouble(0);
      fold[i] = ((Number) r.get(1)).intValue();
      double[] v = r.<Vector>getAs(2).toArray();
      for (int j = 0; j < ENVELOPE_FREQUENCY; j++) {
        ef[i * ENVELOPE_FREQUENCY + j] = (float) v[j];
      }
    }
    List<TrainEarJob.FoldScore> scores = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      scores.add(new TrainEarJob.FoldScore("tpe", NAME, f, fold(f, ef, label, fold, classes, noise, seed + f, learningRate, maxEpochs)));
    }
    return scores;
  }

  private static ConfusionMatrix fold(int f, float[] ef, int[] label, int[] fold, List<String> classes, int noise,
      long seed, double lr, int maxEpochs) {
    int n = label.length;
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      (fold[i] == f ? test : train).add(i);
    }
    // DvN: every training sound, envelope only; class 1 = noise.
    float[] envTrain = rows(ef, train, ENVELOPE);
    int[] dvnLabels = new int[train.size()];
    List<Integer> drums = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) {
      dvnLabels[i] = label[train.get(i)] == noise ? 1 : 0;
      if (label[train.get(i)] != noise) {
        drums.add(train.get(i));
      }
    }
    // DvD: the training drums, envelope + frequency, labels renumbered without the noise class.
    int[] drumLabels = new int[drums.size()];
    for (int i = 0; i < drums.size(); i++) {
      int l = label[drums.get(i)];
      drumLabels[i] = l < noise ? l : l - 1;
    }
    ConfusionMatrix m = new ConfusionMatrix(classes);
    try (NeuralClassifier dvn = new NeuralClassifier(ENVELOPE, DVN_HIDDEN, 2, seed);
        NeuralClassifier dvd = new NeuralClassifier(ENVELOPE_FREQUENCY, DVD_HIDDEN, classes.size() - 1, seed + 1)) {
      dvn.train(envTrain, dvnLabels, train.size(), lr, 32, maxEpochs, 10, seed);
      dvd.train(rows(ef, drums, ENVELOPE_FREQUENCY), drumLabels, drums.size(), lr, 32, maxEpochs, 10, seed + 1);
      int[] isNoise = dvn.predict(rows(ef, test, ENVELOPE), test.size());
      int[] kind = dvd.predict(rows(ef, test, ENVELOPE_FREQUENCY), test.size());
      for (int i = 0; i < test.size(); i++) {
        int predicted = isNoise[i] == 1 ? noise : kind[i] < noise ? kind[i] : kind[i] + 1;
        m.add(label[test.get(i)], predicted, 1);
      }
    }
    return m;
  }

  /** The first {@code width} values of the chosen rows (of 60 each). */
  private static float[] rows(float[] ef, List<Integer> chosen, int width) {
    float[] out = new float[chosen.size() * width];
    for (int i = 0; i < chosen.size(); i++) {
      System.arraycopy(ef, chosen.get(i) * ENVELOPE_FREQUENCY, out, i * width, width);
    }
    return out;
  }
}
