package org.synthstack.jobs.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.shared.HasWeightCol;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.synthstack.jobs.SparkTestBase;

/** ExtraTreesClassifier through Spark: accuracy on known boundaries, probabilities, weights, determinism, errors. */
class ExtraTreesClassifierTest extends SparkTestBase {

  private static double accuracy(Dataset<Row> predictions) {
    return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions);
  }

  @Test
  void learnsXorAndAxisAlignedBoundariesAndFeedsSparkEvaluators() {
    Dataset<Row> xorTrain = MlData.uniform(spark, 600, 5, 1, x -> MlData.xor(x) ? 1 : 0);
    Dataset<Row> xorTest = MlData.uniform(spark, 400, 5, 2, x -> MlData.xor(x) ? 1 : 0);
    ExtraTreesClassificationModel xorModel = new ExtraTreesClassifier().setNumTrees(40).setSeed(1).fit(xorTrain);
    Dataset<Row> xorPredicted = xorModel.transform(xorTest);
    assertThat(accuracy(xorPredicted)).isGreaterThan(0.9);
    assertThat(new BinaryClassificationEvaluator().evaluate(xorPredicted)).as("AUC from rawPrediction")
        .isGreaterThan(0.97);

    // Three classes by thirds of feature 2, among four noise features.
    Dataset<Row> train = MlData.uniform(spark, 600, 5, 3, x -> (int) (x[2] * 3));
    Dataset<Row> test = MlData.uniform(spark, 400, 5, 4, x -> (int) (x[2] * 3));
    ExtraTreesClassificationModel model = new ExtraTreesClassifier().setNumTrees(40).setSeed(2).fit(train);
    assertThat(model.numClasses()).isEqualTo(3);
    assertThat(model.numFeatures()).isEqualTo(5);
    assertThat(accuracy(model.transform(test))).isGreaterThan(0.95);
    double[] importances = model.featureImportances().toArray();
    for (int j = 0; j < 5; j++) {
      if (j != 2) {
        assertThat(importances[2]).isGreaterThan(importances[j]);
      }
    }
  }

  @Test
  void pureNoiseGivesChanceAccuracy() {
    Random labels = new Random(7);
    Dataset<Row> train = MlData.uniform(spark, 600, 6, 5, x -> labels.nextInt(2));
    Dataset<Row> test = MlData.uniform(spark, 800, 6, 6, x -> labels.nextInt(2));
    ExtraTreesClassificationModel model = new ExtraTreesClassifier().setNumTrees(30).setSeed(3).fit(train);
    // 800 test rows: chance is 0.5 with a standard deviation of 0.018.
    assertThat(accuracy(model.transform(test))).isBetween(0.42, 0.58);
    assertThat(accuracy(model.transform(train))).as("fully grown trees memorise").isEqualTo(1.0);
  }

  @Test
  void probabilitiesAreNormalisedLeafAveragesAndPredictionsTheirArgmax() {
    Dataset<Row> data = MlData.uniform(spark, 300, 4, 8, x -> x[0] + x[1] > 1 ? (x[3] > 0.7 ? 2 : 1) : 0);
    int trees = 25;
    ExtraTreesClassificationModel model = new ExtraTreesClassifier().setNumTrees(trees).setMaxDepth(3).setSeed(4)
        .fit(data);
    for (Row row : model.transform(MlData.uniform(spark, 100, 4, 9, x -> 0)).collectAsList()) {
      double[] raw = ((Vector) row.getAs("rawPrediction")).toArray();
      double[] p = ((Vector) row.getAs("probability")).toArray();
      assertThat(java.util.Arrays.stream(raw).sum()).isCloseTo(trees, within(1e-4));
      assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-12));
      int argmax = 0;
      for (int c = 0; c < 3; c++) {
        assertThat(p[c]).isCloseTo(raw[c] / trees, within(1e-6)).isBetween(0.0, 1.0);
        argmax = p[c] > p[argmax] ? c : argmax;
      }
      assertThat(row.<Double>getAs("prediction")).isEqualTo((double) argmax);
    }
  }

  /**
   * Depth-1 trees with one candidate feature per node on two binary features: every tree splits on x0 or x1, at a
   * threshold in [0, 1), so its leaves are the rows with that feature 0 and 1. The leaf distributions below are
   * worked out by hand from the table (weighted class totals); the forest's probability must be their average over
   * the trees, weighted by how many trees chose each feature.
   */
  @Test
  void tinyForestMatchesHandComputedLeafAverages() {
    Dataset<Row> data = MlData.of(spark,
        // x0, x1, label, weight
        new double[] {0, 0, 0, 1},
        new double[] {0, 0, 0, 2},
        new double[] {0, 1, 1, 1},
        new double[] {0, 1, 0, 1},
        new double[] {1, 0, 1, 3},
        new double[] {1, 1, 1, 1},
        new double[] {1, 1, 0, 1});
    // Split on x0: x0 = 0 holds class 0 weight 1 + 2 + 1 = 4 and class 1 weight 1, so (4/5, 1/5);
    //              x0 = 1 holds class 0 weight 1 and class 1 weight 3 + 1 = 4, so (1/5, 4/5).
    // Split on x1: x1 = 0 holds class 0 weight 1 + 2 = 3 and class 1 weight 3, so (1/2, 1/2);
    //              x1 = 1 holds class 0 weight 1 + 1 = 2 and class 1 weight 1 + 1 = 2, so (1/2, 1/2).
    double[][][] leaf = {
        {{4 / 5.0, 1 / 5.0}, {1 / 5.0, 4 / 5.0}},
        {{1 / 2.0, 1 / 2.0}, {1 / 2.0, 1 / 2.0}}};
    int trees = 16;
    ExtraTreesClassificationModel model = new ExtraTreesClassifier().setNumTrees(trees).setMaxDepth(1)
        .setFeatureSubsetStrategy("1").setWeightCol("weight").setSeed(5).fit(data);
    int[] chose = new int[2];
    for (int t = 0; t < trees; t++) {
      TreeArrays tree = model.forest().tree(t);
      assertThat(tree.numNodes()).isEqualTo(3);
      chose[tree.feature()[0]]++;
    }
    assertThat(chose[0]).as("both features are drawn by some trees").isBetween(1, trees - 1);
    for (int a = 0; a <= 1; a++) {
      for (int b = 0; b <= 1; b++) {
        double[] p = model.predictProbability(Vectors.dense(a, b)).toArray();
        for (int c = 0; c < 2; c++) {
          double expected = (chose[0] * leaf[0][a][c] + chose[1] * leaf[1][b][c]) / trees;
          assertThat(p[c]).as("x = (%d, %d), class %d", a, b, c).isCloseTo(expected, within(1e-6));
        }
      }
    }
  }

  @Test
  void classWeightsRaiseMinorityRecall() {
    // 10% minority class shifted by one standard deviation on x0, among three noise features.
    Random r = new Random(11);
    List<Row> rows = new ArrayList<>();
    int n = 1600;
    for (int i = 0; i < n; i++) {
      int label = r.nextInt(10) == 0 ? 1 : 0;
      double x0 = r.nextGaussian() + label;
      rows.add(RowFactory.create(i, Vectors.dense(x0, r.nextGaussian(), r.nextGaussian(), r.nextGaussian()),
          (double) label, 1.0));
    }
    Dataset<Row> all = spark.createDataFrame(rows, MlData.SCHEMA);
    Dataset<Row> train = all.filter(col("id").mod(2).equalTo(0));
    Dataset<Row> test = all.filter(col("id").mod(2).equalTo(1));
    // The class weights w_k = (N - n_k) / N: 0.1 for the majority, 0.9 for the minority.
    Dataset<Row> weighted = train.withColumn("weight", col("label").equalTo(1).cast("double").multiply(0.8).plus(0.1));
    ExtraTreesClassifier et = new ExtraTreesClassifier().setNumTrees(25).setMinInstancesPerNode(15).setSeed(6);
    double plain = minorityRecall(et.fit(train).transform(test));
    double balanced = minorityRecall(et.copy(new org.apache.spark.ml.param.ParamMap()).setWeightCol("weight")
        .fit(weighted).transform(test));
    assertThat(plain).isLessThan(0.2);
    assertThat(balanced).isGreaterThan(plain + 0.3);
  }

  private static double minorityRecall(Dataset<Row> predictions) {
    int positives = 0;
    int found = 0;
    for (Row r : predictions.select("label", "prediction").collectAsList()) {
      if (r.getDouble(0) == 1) {
        positives++;
        found += r.getDouble(1) == 1 ? 1 : 0;
      }
    }
    return (double) found / positives;
  }

  @Test
  void sameSeedGivesTheSameForestWhateverThePartitioningAndTasks() {
    Dataset<Row> data = MlData.uniform(spark, 400, 6, 12, x -> (int) (x[1] * 4));
    ExtraTreesClassifier et = new ExtraTreesClassifier().setNumTrees(12).setSeed(77).setBootstrap(true);
    ExtraTreesClassificationModel a = et.copy(new org.apache.spark.ml.param.ParamMap()).setNumTasks(1)
        .fit(data.repartition(1));
    ExtraTreesClassificationModel b = et.copy(new org.apache.spark.ml.param.ParamMap()).setNumTasks(5)
        .fit(data.repartition(3).orderBy(rand(5)));
    for (int t = 0; t < 12; t++) {
      assertThat(b.forest().tree(t).feature()).isEqualTo(a.forest().tree(t).feature());
      assertThat(b.forest().tree(t).threshold()).isEqualTo(a.forest().tree(t).threshold());
      assertThat(b.forest().tree(t).right()).isEqualTo(a.forest().tree(t).right());
      assertThat(b.forest().tree(t).leafValues()).isEqualTo(a.forest().tree(t).leafValues());
    }
    assertThat(b.featureImportances()).isEqualTo(a.featureImportances());
    ExtraTreesClassificationModel other = et.copy(new org.apache.spark.ml.param.ParamMap()).setSeed(78).fit(data);
    assertThat(other.forest().tree(0).threshold()).isNotEqualTo(a.forest().tree(0).threshold());
  }

  @Test
  void sparseAndDenseFeaturesPredictAlike() {
    Dataset<Row> data = MlData.uniform(spark, 200, 5, 13, x -> x[0] > 0.3 ? 1 : 0);
    ExtraTreesClassificationModel model = new ExtraTreesClassifier().setNumTrees(10).setSeed(1).fit(data);
    Vector dense = Vectors.dense(0.0, 0.7, 0.0, 0.2, 0.0);
    assertThat(model.predictRaw(dense.toSparse())).isEqualTo(model.predictRaw(dense));
    assertThatThrownBy(() -> model.predictRaw(Vectors.dense(1, 2))).hasMessageContaining("expects 5 features");
  }

  @Test
  void isASparkProbabilisticClassifierWithSharedParams() {
    ExtraTreesClassifier et = new ExtraTreesClassifier();
    assertThat(et).isInstanceOf(ProbabilisticClassifier.class).isInstanceOf(HasWeightCol.class);
    assertThat(et.getNumTrees()).isEqualTo(100);
    assertThat(et.getImpurity()).isEqualTo("gini");
    assertThat(et.getFeatureSubsetStrategy()).isEqualTo("sqrt");
    assertThat(et.getMaxDepth()).isEqualTo(Integer.MAX_VALUE);
    assertThat(et.getBootstrap()).isFalse();
    assertThat(et.getSeed()).isEqualTo((long) ExtraTreesClassifier.class.getName().hashCode());
    // Every param belongs to this instance (Spark checks ownership on set/get).
    assertThat(et.params()).allSatisfy(p -> assertThat(p.parent()).isEqualTo(et.uid()));
    ExtraTreesClassifier copy = et.setNumTrees(7).copy(new org.apache.spark.ml.param.ParamMap().put(et.maxDepth(), 3));
    assertThat(copy.uid()).isEqualTo(et.uid());
    assertThat(copy.getNumTrees()).isEqualTo(7);
    assertThat(copy.getMaxDepth()).isEqualTo(3);
    assertThat(et.getMaxDepth()).isEqualTo(Integer.MAX_VALUE);
    assertThat(et.setImpurity("ENTROPY").getImpurity()).isEqualTo("entropy");
  }

  @Test
  void badParamsAndBadInputFailClearlyBeforeTraining() {
    ExtraTreesClassifier et = new ExtraTreesClassifier().setNumTrees(3);
    assertThatThrownBy(() -> et.setNumTrees(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("numTrees");
    assertThatThrownBy(() -> et.setImpurity("variance")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("impurity");
    assertThatThrownBy(() -> et.set(et.impurity(), "variance")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> et.setFeatureSubsetStrategy("1.5")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> et.setMinWeightFractionPerNode(0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> et.setMaxDepth(-1)).isInstanceOf(IllegalArgumentException.class);

    Dataset<Row> good = MlData.uniform(spark, 50, 3, 14, x -> x[0] > 0.5 ? 1 : 0);
    assertThatThrownBy(() -> et.fit(good.drop("features"))).hasMessageContaining("features");
    assertThatThrownBy(() -> et.setFeaturesCol("vec").fit(good)).hasMessageContaining("vec");
    et.setFeaturesCol("features");
    assertThatThrownBy(() -> et.fit(good.withColumn("label", lit(1.0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two classes");
    assertThatThrownBy(() -> et.fit(good.limit(0))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> et.fit(good.withColumn("label", lit(0.5))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integers");
    assertThatThrownBy(() -> et.setWeightCol("w").fit(good)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight column 'w' does not exist");
    assertThatThrownBy(() -> et.setWeightCol("weight").fit(good.withColumn("weight", lit(-1.0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
    et.setWeightCol("");
    Dataset<Row> withNaN = MlData.of(spark, new double[] {0.1, 0.2, 0, 1}, new double[] {Double.NaN, 0.3, 1, 1});
    assertThatThrownBy(() -> et.fit(withNaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN").hasMessageContaining("feature 0");
  }
}
