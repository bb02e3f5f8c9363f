package org.synthstack.jobs.ml;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.jobs.SparkTestBase;

/** ExtraTrees as a stage: Pipeline, CrossValidator, and persistence standalone and inside a PipelineModel. */
class ExtraTreesPipelineTest extends SparkTestBase {
  @TempDir
  Path tmp;

  /** XOR of two columns among four, as separate double columns for a VectorAssembler. */
  private Dataset<Row> xorColumns(int n, long seed) {
    Column f = vector_to_array(col("features"), "float64");
    return MlData.uniform(spark, n, 4, seed, x -> MlData.xor(x) ? 1 : 0)
        .select(col("id"), f.getItem(0).as("a"), f.getItem(1).as("b"), f.getItem(2).as("c"), f.getItem(3).as("d"),
            col("label"));
  }

  private static Pipeline pipeline(ExtraTreesClassifier et) {
    VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"a", "b", "c", "d"})
        .setOutputCol("features");
    return new Pipeline().setStages(new PipelineStage[] {assembler, et});
  }

  private static List<Vector> probabilities(Dataset<Row> predictions) {
    return predictions.orderBy("id").select("probability").collectAsList().stream()
        .map(r -> (Vector) r.get(0)).toList();
  }

  @Test
  void crossValidatorSearchesTreesAndDepthAndPicksTheDeepForest() {
    ExtraTreesClassifier et = new ExtraTreesClassifier().setSeed(3);
    ParamMap[] grid = new ParamGridBuilder()
        .addGrid(et.numTrees(), new int[] {3, 15})
        .addGrid(et.maxDepth(), new int[] {1, 8})
        .build();
    MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
    CrossValidator cv = new CrossValidator().setEstimator(pipeline(et)).setEstimatorParamMaps(grid)
        .setEvaluator(accuracy).setNumFolds(2).setParallelism(2).setSeed(1);
    CrossValidatorModel fitted = cv.fit(xorColumns(400, 1));
    double[] metrics = fitted.avgMetrics();
    for (int i = 0; i < grid.length; i++) {
      int depth = (Integer) grid[i].apply(et.maxDepth());
      // A single split cannot express XOR; eight levels can.
      assertThat(metrics[i]).as("depth %d", depth).matches(m -> depth == 1 ? m < 0.7 : m > 0.85);
    }
    PipelineModel best = (PipelineModel) fitted.bestModel();
    ExtraTreesClassificationModel bestTrees = (ExtraTreesClassificationModel) best.stages()[1];
    assertThat(bestTrees.getMaxDepth()).isEqualTo(8);
    assertThat(bestTrees.treeCount()).isEqualTo(bestTrees.getNumTrees());
    assertThat(accuracy.evaluate(best.transform(xorColumns(300, 2)))).isGreaterThan(0.85);
  }

  @Test
  void modelSavedAloneLoadsBackWithIdenticalPredictionsAndParams() throws IOException {
    Dataset<Row> data = MlData.uniform(spark, 300, 5, 4, x -> (int) (x[0] * 3));
    ExtraTreesClassificationModel model = new ExtraTreesClassifier().setNumTrees(12).setMaxDepth(6)
        .setImpurity("entropy").setSeed(9).fit(data);
    String path = tmp.resolve("model").toString();
    model.write().overwrite().save(path);
    assertThatThrownBy(() -> model.write().save(path)).isInstanceOf(IOException.class)
        .hasMessageContaining("already exists");
    model.write().overwrite().save(path);
    ExtraTreesClassificationModel back = ExtraTreesClassificationModel.load(path);
    assertThat(back.uid()).isEqualTo(model.uid());
    assertThat(back.getNumTrees()).isEqualTo(12);
    assertThat(back.getMaxDepth()).isEqualTo(6);
    assertThat(back.getImpurity()).isEqualTo("entropy");
    assertThat(back.getSeed()).isEqualTo(9L);
    assertThat(back.featureImportances()).isEqualTo(model.featureImportances());
    Dataset<Row> test = MlData.uniform(spark, 200, 5, 5, x -> 0);
    assertThat(probabilities(back.transform(test))).isEqualTo(probabilities(model.transform(test)));
    assertThat(Files.exists(tmp.resolve("model/data"))).isTrue();
    assertThatThrownBy(() -> ExtraTreesClassifier.load(path)).hasMessageContaining("ExtraTreesClassificationModel");
  }

  @Test
  void pipelineModelWithExtraTreesSavesAndLoadsThroughSparkReaders() throws IOException {
    ExtraTreesClassifier et = new ExtraTreesClassifier().setNumTrees(10).setSeed(4).setProbabilityCol("probability");
    PipelineModel model = pipeline(et).fit(xorColumns(300, 3));
    String path = tmp.resolve("pipeline").toString();
    model.write().overwrite().save(path);
    PipelineModel back = PipelineModel.load(path);
    assertThat(back.stages()[1]).isInstanceOf(ExtraTreesClassificationModel.class);
    Dataset<Row> test = xorColumns(200, 4);
    assertThat(probabilities(back.transform(test))).isEqualTo(probabilities(model.transform(test)));

    // The unfitted estimator too, inside a Pipeline.
    String estimatorPath = tmp.resolve("estimator").toString();
    pipeline(new ExtraTreesClassifier().setNumTrees(17).setBootstrap(true).setWeightCol("w")).write()
        .save(estimatorPath);
    ExtraTreesClassifier loaded = (ExtraTreesClassifier) Pipeline.load(estimatorPath).getStages()[1];
    assertThat(loaded.getNumTrees()).isEqualTo(17);
    assertThat(loaded.getBootstrap()).isTrue();
    assertThat(loaded.getWeightCol()).isEqualTo("w");
    assertThat(loaded.getMaxDepth()).isEqualTo(Integer.MAX_VALUE);
  }
}
