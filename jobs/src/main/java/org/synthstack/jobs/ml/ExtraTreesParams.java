package org.synthstack.jobs.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.shared.HasSeed;
import org.apache.spark.ml.param.shared.HasWeightCol;

/**
 * Params of extremely randomized trees, shared by {@link ExtraTreesClassifier} and
 * {@link ExtraTreesClassificationModel} (the model carries the values it was trained with, as MLlib's tree models
 * do). {@code weightCol} and {@code seed} are Spark's own shared params ({@link HasWeightCol}, {@link HasSeed}), so
 * Spark code that looks for them (Predictor.fit's weight cast, OneVsRest) finds them.
 */
public interface ExtraTreesParams extends HasWeightCol, HasSeed {
  /** The param objects of this instance. */
  ExtraTreesParamSet extraTreesParamSet();

  /** Number of trees (default 100, sklearn's; the paper's ear used 1100). */
  default IntParam numTrees() {
    return extraTreesParamSet().numTrees;
  }

  default int getNumTrees() {
    return (Integer) getOrDefault(numTrees());
  }

  /** Maximum depth (root = depth 0); default {@link Integer#MAX_VALUE}: unlimited, leaves grow pure. */
  default IntParam maxDepth() {
    return extraTreesParamSet().maxDepth;
  }

  default int getMaxDepth() {
    return (Integer) getOrDefault(maxDepth());
  }

  /** Minimum rows in each child of a split (default 1). */
  default IntParam minInstancesPerNode() {
    return extraTreesParamSet().minInstancesPerNode;
  }

  default int getMinInstancesPerNode() {
    return (Integer) getOrDefault(minInstancesPerNode());
  }

  /** Minimum fraction of the total weight in each child of a split (default 0). */
  default DoubleParam minWeightFractionPerNode() {
    return extraTreesParamSet().minWeightFractionPerNode;
  }

  default double getMinWeightFractionPerNode() {
    return (Double) getOrDefault(minWeightFractionPerNode());
  }

  /** Minimum impurity decrease of a split (default 0). */
  default DoubleParam minInfoGain() {
    return extraTreesParamSet().minInfoGain;
  }

  default double getMinInfoGain() {
    return (Double) getOrDefault(minInfoGain());
  }

  /** {@code gini} (default) or {@code entropy}. */
  default Param<String> impurity() {
    return extraTreesParamSet().impurity;
  }

  default String getImpurity() {
    return getOrDefault(impurity());
  }

  /** Candidate features per node (default {@code sqrt}); see {@link FeatureSubset}. */
  default Param<String> featureSubsetStrategy() {
    return extraTreesParamSet().featureSubsetStrategy;
  }

  default String getFeatureSubsetStrategy() {
    return getOrDefault(featureSubsetStrategy());
  }

  /** Bootstrap samples per tree (default false: every tree sees all rows, as in the original ExtraTrees). */
  default BooleanParam bootstrap() {
    return extraTreesParamSet().bootstrap;
  }

  default boolean getBootstrap() {
    return (Boolean) getOrDefault(bootstrap());
  }

  /** Spark tasks for training (default 0 = automatic); does not affect the result. */
  default IntParam numTasks() {
    return extraTreesParamSet().numTasks;
  }

  default int getNumTasks() {
    return (Integer) getOrDefault(numTasks());
  }

  /** Sets every default; called once by each implementing constructor. */
  default void setExtraTreesDefaults() {
    setDefault(numTrees(), 100);
    setDefault(maxDepth(), Integer.MAX_VALUE);
    setDefault(minInstancesPerNode(), 1);
    setDefault(minWeightFractionPerNode(), 0.0);
    setDefault(minInfoGain(), 0.0);
    setDefault(impurity(), "gini");
    setDefault(featureSubsetStrategy(), "sqrt");
    setDefault(bootstrap(), false);
    setDefault(numTasks(), 0);
    setDefault(weightCol(), "");
  }

  /** The weight column, or null when none is set. */
  default String weightColOrNull() {
    return isDefined(weightCol()) && !getWeightCol().isEmpty() ? getWeightCol() : null;
  }
}
