package org.synthstack.jobs.ear;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.classification.OneVsRest;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.StandardScaler;
import org.synthstack.jobs.ml.ExtraTreesClassifier;
import org.synthstack.jobs.InputException;

/**
 * The classifiers {@code train-ear} compares, as Spark ML pipelines over {@code features}, {@code label_index} and
 * {@code weight}. Hyperparameters are fixed, documented defaults rather than tuned per fold, so that 10-fold CV of
 * six model families stays within minutes on a laptop; {@link Size#QUICK} shrinks the ensembles for smoke runs.
 */
public final class EarModels {
  /** How big the ensembles are. */
  public enum Size { FULL, QUICK }

  /** Families whose fitted models output class probabilities (the saved ear must). */
  public static final java.util.Set<String> PROBABILISTIC =
      java.util.Set.of("ExtraTrees", "RandomForest", "MLP", "LogisticRegression");

  /** A named family; {@code build(classes)} makes a fresh, unfitted pipeline. */
  public record Candidate(String name, IntFunction<Pipeline> build, boolean usesWeights) {}

  private EarModels() {}

  public static Map<String, Candidate> all(Size size, long seed) {
    boolean quick = size == Size.QUICK;
    Map<String, Candidate> m = new LinkedHashMap<>();
    // The paper's best MEM: ExtraTrees with 1100 trees, grown to purity, sqrt(660) candidate features per split.
    m.put("ExtraTrees", new Candidate("ExtraTrees", classes -> pipeline(
        new ExtraTreesClassifier().setNumTrees(quick ? 100 : 1100).setFeatureSubsetStrategy("sqrt").setSeed(seed)
            .setFeaturesCol("features").setLabelCol("label_index").setWeightCol("weight")), true));
    m.put("RandomForest", new Candidate("RandomForest", classes -> pipeline(
        new RandomForestClassifier().setNumTrees(quick ? 30 : 300).setMaxDepth(quick ? 10 : 20)
            .setFeatureSubsetStrategy("sqrt").setSeed(seed).setMaxBins(32)
            .setFeaturesCol("features").setLabelCol("label_index").setWeightCol("weight")), true));
    m.put("GBT", new Candidate("GBT", classes -> pipeline(
        new OneVsRest().setClassifier(new GBTClassifier().setMaxIter(quick ? 10 : 50).setMaxDepth(5)
            .setStepSize(0.1).setSeed(seed)).setWeightCol("weight")
            .setFeaturesCol("features").setLabelCol("label_index")), true));
    m.put("LinearSVC", new Candidate("LinearSVC", classes -> pipeline(scaler(),
        new OneVsRest().setClassifier(new LinearSVC().setMaxIter(quick ? 30 : 100).setRegParam(0.01)
            .setFeaturesCol("scaled")).setWeightCol("weight")
            .setFeaturesCol("scaled").setLabelCol("label_index")), true));
    m.put("MLP", new Candidate("MLP", classes -> pipeline(scaler(),
        new MultilayerPerceptronClassifier().setLayers(new int[] {EarData.FEATURE_SIZE, 64, classes})
            .setMaxIter(quick ? 50 : 200).setSeed(seed).setFeaturesCol("scaled").setLabelCol("label_index")),
        false));
    m.put("LogisticRegression", new Candidate("LogisticRegression", classes -> pipeline(scaler(),
        new LogisticRegression().setMaxIter(quick ? 50 : 200).setRegParam(0.01).setElasticNetParam(0)
            .setFeaturesCol("scaled").setLabelCol("label_index").setWeightCol("weight")), true));
    return m;
  }

  /** The candidates named in {@code names} (all when empty), failing on unknown names. */
  public static Map<String, Candidate> select(Size size, long seed, List<String> names) {
    Map<String, Candidate> all = all(size, seed);
    if (names.isEmpty()) {
      return all;
    }
    Map<String, Candidate> chosen = new LinkedHashMap<>();
    for (String n : names) {
      Candidate c = all.get(n);
      if (c == null) {
        throw new InputException("unknown model '" + n + "'; expected some of " + all.keySet());
      }
      chosen.put(n, c);
    }
    return chosen;
  }

  public static boolean probabilistic(String name) {
    return PROBABILISTIC.contains(name);
  }

  private static StandardScaler scaler() {
    return new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true).setWithStd(true);
  }

  private static Pipeline pipeline(PipelineStage... stages) {
    return new Pipeline().setStages(stages);
  }
}
