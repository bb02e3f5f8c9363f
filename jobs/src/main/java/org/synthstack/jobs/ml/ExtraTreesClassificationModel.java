package org.synthstack.jobs.ml;

import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.shared.HasSeed;
import org.apache.spark.ml.param.shared.HasWeightCol;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * A fitted {@link ExtraTreesClassifier}: a {@link Forest} of extremely randomized trees.
 *
 * <p>{@code rawPrediction} is the sum over trees of each tree's leaf class distribution (as MLlib's random forest
 * reports it); {@code probability} is that divided by its sum, i.e. the mean of the trees' leaf distributions, as
 * sklearn's {@code predict_proba}; {@code prediction} is the most probable class, or follows {@code thresholds}
 * when set. All of that is Spark's {@code ProbabilisticClassificationModel} machinery, so the model works with
 * {@code BinaryClassificationEvaluator} and {@code MulticlassClassificationEvaluator}, in a {@code PipelineModel},
 * and as the best model of a {@code CrossValidator}.
 *
 * <p>Features are compared as {@code float}, as in training (the project's features are floats anyway); a NaN
 * feature goes right at every split it meets. Persistence: {@code model.write().overwrite().save(path)} and
 * {@link #load(String)}, format in {@link ExtraTreesIO}.
 */
public final class ExtraTreesClassificationModel
    extends ProbabilisticClassificationModel<Vector, ExtraTreesClassificationModel>
    implements ExtraTreesParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Forest forest;
  private final double[] featureImportances;
  private final ExtraTreesParamSet extraTreesParamSet;
  private Param<String> weightCol;
  private LongParam seed;

  ExtraTreesClassificationModel(String uid, Forest forest, double[] featureImportances) {
    this(PendingUid.stash(uid), forest, featureImportances, true);
  }

  private ExtraTreesClassificationModel(String uid, Forest forest, double[] featureImportances, boolean unused) {
    super();
    this.uid = uid;
    PendingUid.clear();
    if (featureImportances.length != forest.numFeatures()) {
      throw new IllegalArgumentException("feature importances must have one value per feature");
    }
    this.forest = forest;
    this.featureImportances = featureImportances.clone();
    HasWeightCol.$init$(this);
    HasSeed.$init$(this);
    extraTreesParamSet = new ExtraTreesParamSet(this);
    setExtraTreesDefaults();
  }

  @Override
  public String uid() {
    return uid != null ? uid : PendingUid.pending();
  }

  @Override
  public ExtraTreesParamSet extraTreesParamSet() {
    return extraTreesParamSet;
  }

  @Override
  public Param<String> weightCol() {
    return weightCol;
  }

  @Override
  public void org$apache$spark$ml$param$shared$HasWeightCol$_setter_$weightCol_$eq(Param<String> p) {
    this.weightCol = p;
  }

  @Override
  public LongParam seed() {
    return seed;
  }

  @Override
  public void org$apache$spark$ml$param$shared$HasSeed$_setter_$seed_$eq(LongParam p) {
    this.seed = p;
  }

  /** The trees. */
  public Forest forest() {
    return forest;
  }

  /** Number of trees actually in the forest. */
  public int treeCount() {
    return forest.numTrees();
  }

  /**
   * Mean decrease in impurity per feature (sklearn's {@code feature_importances_}): each tree's weighted impurity
   * decreases per feature, normalised to sum 1 over the tree, averaged over trees and normalised again.
   */
  public Vector featureImportances() {
    return Vectors.dense(featureImportances.clone());
  }

  @Override
  public int numClasses() {
    return forest.numClasses();
  }

  @Override
  public int numFeatures() {
    return forest.numFeatures();
  }

  @Override
  public Vector predictRaw(Vector features) {
    int d = forest.numFeatures();
    if (features.size() != d) {
      throw new IllegalArgumentException("ExtraTreesClassificationModel expects " + d + " features, got "
          + features.size());
    }
    double[] values = features instanceof DenseVector dense ? dense.values() : features.toArray();
    float[] x = new float[d];
    for (int j = 0; j < d; j++) {
      x[j] = (float) values[j];
    }
    double[] raw = new double[forest.numClasses()];
    forest.addDistributions(x, raw);
    return Vectors.dense(raw);
  }

  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    if (rawPrediction instanceof DenseVector dense) {
      ProbabilisticClassificationModel.normalizeToProbabilitiesInPlace(dense);
      return dense;
    }
    throw new IllegalStateException("rawPrediction must be dense");
  }

  @Override
  public ExtraTreesClassificationModel copy(ParamMap extra) {
    ExtraTreesClassificationModel copied = new ExtraTreesClassificationModel(uid(), forest, featureImportances);
    return copyValues(copied, extra).setParent(parent());
  }

  /**
   * Spark's (Scala-{@code private[spark]}) summary hook, declared with different generic return types by the two
   * Scala superclasses, which javac cannot reconcile; the raw type lets one override satisfy both, and it simply
   * keeps {@code ProbabilisticClassificationModel}'s behaviour.
   */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public scala.Tuple3 findSummaryModel() {
    return super.findSummaryModel();
  }

  @Override
  public MLWriter write() {
    return new ExtraTreesIO.ModelWriter(this);
  }

  /** Spark's readers ({@code PipelineModel.load}) find this by reflection ({@code cls.getMethod("read")}). */
  public static MLReader<ExtraTreesClassificationModel> read() {
    return new ExtraTreesIO.ModelReader();
  }

  public static ExtraTreesClassificationModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "ExtraTreesClassificationModel: uid=" + uid() + ", numTrees=" + forest.numTrees() + ", numClasses="
        + numClasses() + ", numFeatures=" + numFeatures();
  }

  /** The trees as text (the first {@code maxTrees}). */
  public String toDebugString(int maxTrees) {
    return toString() + "\n" + forest.toDebugString(maxTrees);
  }
}
