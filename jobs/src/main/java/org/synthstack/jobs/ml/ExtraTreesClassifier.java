package org.synthstack.jobs.ml;

import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.shared.HasSeed;
import org.apache.spark.ml.param.shared.HasWeightCol;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Extremely randomized trees for classification (Geurts, Ernst &amp; Wehenkel, "Extremely randomized trees",
 * Machine Learning 63, 2006), the estimator MLlib lacks; sklearn's {@code ExtraTreesClassifier} in Spark ML form.
 *
 * <p>Each node draws {@code featureSubsetStrategy} non-constant candidate features and, for each, one threshold
 * uniformly between the feature's minimum and maximum within the node, and keeps the candidate with the best
 * impurity decrease ({@link ExtraTreeBuilder}). Trees see all rows unless {@code bootstrap} is set. Class
 * probabilities are the mean over trees of the leaves' weighted class distributions, as in sklearn.
 *
 * <table>
 *   <caption>Params (besides featuresCol, labelCol, predictionCol, rawPredictionCol, probabilityCol, thresholds)</caption>
 *   <tr><th>param</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>numTrees</td><td>100</td><td>trees, &ge; 1</td></tr>
 *   <tr><td>maxDepth</td><td>2147483647 (unlimited)</td><td>&ge; 0; 0 = a single leaf (MLlib's convention)</td></tr>
 *   <tr><td>minInstancesPerNode</td><td>1</td><td>minimum rows in each child of a split</td></tr>
 *   <tr><td>minWeightFractionPerNode</td><td>0</td><td>minimum fraction of the total weight in each child, [0, 0.5)</td></tr>
 *   <tr><td>minInfoGain</td><td>0</td><td>minimum impurity decrease of a split</td></tr>
 *   <tr><td>impurity</td><td>gini</td><td>gini or entropy</td></tr>
 *   <tr><td>featureSubsetStrategy</td><td>sqrt</td><td>auto (= sqrt), all, onethird, sqrt, log2, fraction, integer</td></tr>
 *   <tr><td>bootstrap</td><td>false</td><td>grow each tree on a bootstrap sample</td></tr>
 *   <tr><td>weightCol</td><td>"" (all 1)</td><td>instance weights (e.g. class weights), &ge; 0</td></tr>
 *   <tr><td>seed</td><td>hash of the class name (MLlib's convention)</td><td>the forest depends only on rows and seed</td></tr>
 *   <tr><td>numTasks</td><td>0 (default parallelism)</td><td>Spark tasks the trees are split across</td></tr>
 * </table>
 *
 * <p><b>Training</b> ({@link ExtraTreesData}, {@link ExtraTreesTraining}) collects the training set to the driver
 * as compact primitive arrays (float features), broadcasts it, and grows groups of trees in parallel tasks, one
 * seed-derived random stream per tree. Bad input fails before any tree is grown: a missing or mistyped column, a
 * non-finite feature, a label that is not a small non-negative integer, a negative weight, an empty dataset or
 * fewer than two classes. The whole training set must fit in memory (4 x rows x features bytes, 26 MB for
 * 10 000 x 660): see {@link ExtraTreesData} for the exact limits.
 *
 * <p><b>Java subclass of a Scala class.</b> This extends Spark's {@code ProbabilisticClassifier} directly. Its
 * Scala-{@code protected} members ({@code train}) compile to public JVM methods and are overridden as public;
 * Spark's shared {@code weightCol} and {@code seed} params are implemented from their Scala traits by providing the
 * trait's field and setter and calling the trait's {@code $init$} (Scala 2.12+ trait encoding); the uid must be
 * known while the Scala superclass constructor runs, which {@link PendingUid} arranges.
 */
public final class ExtraTreesClassifier
    extends ProbabilisticClassifier<Vector, ExtraTreesClassifier, ExtraTreesClassificationModel>
    implements ExtraTreesParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final ExtraTreesParamSet extraTreesParamSet;
  private Param<String> weightCol;
  private LongParam seed;

  public ExtraTreesClassifier() {
    this(Identifiable.randomUID("extraTreesClassifier"));
  }

  /** With a given uid (Spark's copy and read machinery need this constructor). */
  public ExtraTreesClassifier(String uid) {
    this(PendingUid.stash(uid), true);
  }

  private ExtraTreesClassifier(String uid, boolean unused) {
    super();
    this.uid = uid;
    PendingUid.clear();
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

  // Scala trait fields of HasWeightCol and HasSeed.

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

  // Setters.

  public ExtraTreesClassifier setNumTrees(int value) {
    set(numTrees(), value);
    return this;
  }

  public ExtraTreesClassifier setMaxDepth(int value) {
    set(maxDepth(), value);
    return this;
  }

  public ExtraTreesClassifier setMinInstancesPerNode(int value) {
    set(minInstancesPerNode(), value);
    return this;
  }

  public ExtraTreesClassifier setMinWeightFractionPerNode(double value) {
    set(minWeightFractionPerNode(), value);
    return this;
  }

  public ExtraTreesClassifier setMinInfoGain(double value) {
    set(minInfoGain(), value);
    return this;
  }

  /** {@code gini} or {@code entropy}, any case. */
  public ExtraTreesClassifier setImpurity(String value) {
    set(impurity(), value == null ? null : Impurity.parse(value).paramValue());
    return this;
  }

  public ExtraTreesClassifier setFeatureSubsetStrategy(String value) {
    set(featureSubsetStrategy(), value);
    return this;
  }

  public ExtraTreesClassifier setBootstrap(boolean value) {
    set(bootstrap(), value);
    return this;
  }

  public ExtraTreesClassifier setNumTasks(int value) {
    set(numTasks(), value);
    return this;
  }

  public ExtraTreesClassifier setWeightCol(String value) {
    set(weightCol(), value);
    return this;
  }

  public ExtraTreesClassifier setSeed(long value) {
    set(seed(), value);
    return this;
  }

  /** Also checks that a set weight column exists and is numeric. */
  @Override
  public StructType validateAndTransformSchema(StructType schema, boolean fitting, DataType featuresDataType) {
    String w = weightColOrNull();
    if (fitting && w != null) {
      if (!java.util.Arrays.asList(schema.fieldNames()).contains(w)) {
        throw new IllegalArgumentException("ExtraTreesClassifier: weight column '" + w + "' does not exist; "
            + "columns: " + String.join(", ", schema.fieldNames()));
      }
      if (!(schema.apply(w).dataType() instanceof NumericType)) {
        throw new IllegalArgumentException("ExtraTreesClassifier: weight column '" + w + "' must be numeric, not "
            + schema.apply(w).dataType().simpleString());
      }
    }
    return super.validateAndTransformSchema(schema, fitting, featuresDataType);
  }

  @Override
  public ExtraTreesClassificationModel train(Dataset<?> dataset) {
    String strategy = getFeatureSubsetStrategy();
    TrainingSet data = ExtraTreesData.collect(dataset, getFeaturesCol(), getLabelCol(), weightColOrNull());
    ExtraTreeBuilder.Settings settings = new ExtraTreeBuilder.Settings(Impurity.parse(getImpurity()),
        FeatureSubset.featuresPerNode(strategy, data.features), getMaxDepth(), getMinInstancesPerNode(),
        getMinWeightFractionPerNode(), getMinInfoGain(), getBootstrap());
    ExtraTreesTraining.Result result = ExtraTreesTraining.train(dataset.sparkSession().sparkContext(), data,
        settings, getNumTrees(), getNumTasks(), getSeed());
    return new ExtraTreesClassificationModel(uid(), result.forest(), result.featureImportances());
  }

  @Override
  public ExtraTreesClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public MLWriter write() {
    return new ExtraTreesIO.EstimatorWriter(this);
  }

  /** Spark's readers find this by reflection ({@code cls.getMethod("read")}). */
  public static MLReader<ExtraTreesClassifier> read() {
    return new ExtraTreesIO.EstimatorReader();
  }

  public static ExtraTreesClassifier load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "ExtraTreesClassifier: uid=" + uid();
  }
}
