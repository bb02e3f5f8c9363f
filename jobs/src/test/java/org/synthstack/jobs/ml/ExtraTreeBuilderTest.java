package org.synthstack.jobs.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.synthstack.synth.SplitMix64;

/** The tree builder and forest without Spark, checked by re-routing the data through the trees. */
class ExtraTreeBuilderTest {
  private static ExtraTreeBuilder.Settings settings(int features, int maxDepth, int minInstances) {
    return new ExtraTreeBuilder.Settings(Impurity.GINI, features, maxDepth, minInstances, 0, 0, false);
  }

  /** n rows of d uniform features; label from {@code rule} on the row. */
  private static TrainingSet data(int n, int d, int classes, long seed, java.util.function.ToIntFunction<float[]> rule,
      double[] classWeights) {
    Random r = new Random(seed);
    float[] x = new float[n * d];
    int[] y = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      float[] row = new float[d];
      for (int j = 0; j < d; j++) {
        row[j] = r.nextFloat();
        x[j * n + i] = row[j];
      }
      y[i] = rule.applyAsInt(row);
      w[i] = classWeights == null ? 1.0 : classWeights[y[i]];
    }
    return new TrainingSet(n, d, classes, x, y, w);
  }

  private static float[] row(TrainingSet data, int i) {
    float[] row = new float[data.features()];
    for (int j = 0; j < row.length; j++) {
      row[j] = data.x(i, j);
    }
    return row;
  }

  /** Rows of {@code data} reaching each node of {@code tree}, found by walking the tree (not by the builder). */
  private static List<List<Integer>> route(TreeArrays tree, TrainingSet data) {
    List<List<Integer>> at = new ArrayList<>();
    for (int i = 0; i < tree.numNodes(); i++) {
      at.add(new ArrayList<>());
    }
    for (int i = 0; i < data.rows(); i++) {
      int node = 0;
      at.get(0).add(i);
      while (tree.feature()[node] >= 0) {
        node = data.x(i, tree.feature()[node]) <= tree.threshold()[node] ? node + 1 : tree.right()[node];
        at.get(node).add(i);
      }
    }
    return at;
  }

  @Test
  void featureSubsetSizesFollowMllibDefinitions() {
    assertThat(FeatureSubset.featuresPerNode("sqrt", 660)).isEqualTo(26); // ceil(25.69)
    assertThat(FeatureSubset.featuresPerNode("auto", 660)).isEqualTo(26);
    assertThat(FeatureSubset.featuresPerNode("log2", 660)).isEqualTo(10); // ceil(9.37)
    assertThat(FeatureSubset.featuresPerNode("onethird", 660)).isEqualTo(220);
    assertThat(FeatureSubset.featuresPerNode("all", 660)).isEqualTo(660);
    assertThat(FeatureSubset.featuresPerNode("0.25", 660)).isEqualTo(165);
    assertThat(FeatureSubset.featuresPerNode("1.0", 660)).isEqualTo(660);
    assertThat(FeatureSubset.featuresPerNode("7", 660)).isEqualTo(7);
    assertThat(FeatureSubset.featuresPerNode("1000", 660)).isEqualTo(660);
    assertThat(FeatureSubset.featuresPerNode("SQRT", 1)).isEqualTo(1);
    for (String bad : new String[] {"0", "0.0", "1.5", "-1", "half", "", "01"}) {
      assertThat(FeatureSubset.isValid(bad)).as(bad).isFalse();
    }
    assertThatThrownBy(() -> FeatureSubset.featuresPerNode("1.5", 10)).hasMessageContaining("featureSubsetStrategy");
  }

  @Test
  void impuritiesMatchClosedForms() {
    assertThat(Impurity.GINI.of(1, 1)).isCloseTo(0.5, within(1e-15));
    assertThat(Impurity.GINI.of(2, 2, 2, 2)).isCloseTo(0.75, within(1e-15));
    assertThat(Impurity.GINI.of(3, 1)).isCloseTo(1 - 0.5625 - 0.0625, within(1e-15));
    assertThat(Impurity.ENTROPY.of(1, 1)).isCloseTo(1.0, within(1e-15));
    assertThat(Impurity.ENTROPY.of(1, 1, 1, 1)).isCloseTo(2.0, within(1e-15));
    assertThat(Impurity.ENTROPY.of(3, 1)).isCloseTo(0.8112781244591328, within(1e-15));
    assertThat(Impurity.GINI.of(5, 0)).isZero();
    assertThat(Impurity.ENTROPY.of(0, 5)).isZero();
    assertThat(Impurity.parse("Entropy")).isSameAs(Impurity.ENTROPY);
  }

  @Test
  void fullyGrownTreesFitDistinctRowsExactly() {
    TrainingSet data = data(500, 6, 3, 1, row -> new Random(Float.floatToIntBits(row[0])).nextInt(3), null);
    ExtraTreeBuilder builder = new ExtraTreeBuilder(data, settings(2, Integer.MAX_VALUE, 1));
    for (int t = 0; t < 3; t++) {
      TreeArrays tree = builder.build(SplitMix64.forStream(9, t), new double[6]);
      Forest one = new Forest(6, 3, List.of(tree));
      for (int i = 0; i < data.rows(); i++) {
        double[] raw = new double[3];
        one.addDistributions(row(data, i), raw);
        assertThat(raw[data.label(i)]).as("row %d", i).isEqualTo(1.0);
      }
    }
  }

  @Test
  void classesWithoutRowsAreHarmless() {
    // Three classes declared (as label metadata can), only 0 and 2 present.
    TrainingSet data = data(300, 3, 3, 12, row -> row[0] > 0.5 ? 2 : 0, null);
    for (boolean bootstrap : new boolean[] {false, true}) {
      ExtraTreeBuilder.Settings s = new ExtraTreeBuilder.Settings(Impurity.ENTROPY, 2, 3, 1, 0, 0, bootstrap);
      TreeArrays tree = new ExtraTreeBuilder(data, s).build(SplitMix64.forStream(1, 0), new double[3]);
      Forest forest = new Forest(3, 3, List.of(tree));
      double[] raw = new double[3];
      forest.addDistributions(new float[] {0.9f, 0.5f, 0.5f}, raw);
      assertThat(raw[1]).isZero();
      assertThat(raw[0] + raw[2]).isCloseTo(1.0, within(1e-6));
      assertThat(raw[2]).isGreaterThan(0.5);
    }
  }

  @Test
  void splitsDrawThresholdsInsideTheNodeRangeAndRespectTheStoppingRules() {
    TrainingSet data = data(800, 5, 2, 2, row -> row[0] + 0.3 * row[1] > 0.6 ? 1 : 0, null);
    int maxDepth = 6;
    int minInstances = 7;
    ExtraTreeBuilder builder = new ExtraTreeBuilder(data, settings(3, maxDepth, minInstances));
    for (int t = 0; t < 5; t++) {
      TreeArrays tree = builder.build(SplitMix64.forStream(3, t), new double[5]);
      List<List<Integer>> at = route(tree, data);
      assertThat(new Forest(5, 2, List.of(tree)).depth(0)).isLessThanOrEqualTo(maxDepth);
      for (int node = 0; node < tree.numNodes(); node++) {
        List<Integer> rows = at.get(node);
        assertThat(rows.size()).isGreaterThanOrEqualTo(minInstances);
        int f = tree.feature()[node];
        if (f < 0) {
          continue;
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i : rows) {
          lo = Math.min(lo, data.x(i, f));
          hi = Math.max(hi, data.x(i, f));
        }
        assertThat(tree.threshold()[node]).isBetween(lo, hi).isLessThan(hi);
        assertThat(rows.size()).isEqualTo(at.get(node + 1).size() + at.get(tree.right()[node]).size());
      }
    }
  }

  @Test
  void leavesHoldTheWeightedClassFrequenciesOfTheirRows() {
    double[] classWeights = {0.2, 1.0, 3.0};
    TrainingSet data = data(600, 4, 3, 4, row -> (int) (row[0] * 3) == 2 && row[1] < 0.5 ? 0 : (int) (row[2] * 3),
        classWeights);
    TreeArrays tree = new ExtraTreeBuilder(data, settings(2, 3, 1)).build(SplitMix64.forStream(5, 0), new double[4]);
    List<List<Integer>> at = route(tree, data);
    int impureLeaves = 0;
    for (int node = 0; node < tree.numNodes(); node++) {
      if (tree.feature()[node] >= 0) {
        continue;
      }
      double[] weight = new double[3];
      double total = 0;
      for (int i : at.get(node)) {
        weight[data.label(i)] += classWeights[data.label(i)];
        total += classWeights[data.label(i)];
      }
      int v = tree.right()[node];
      for (int c = 0; c < 3; c++) {
        double stored = v < 0 ? (c == -1 - v ? 1 : 0) : tree.leafValues()[v + c];
        assertThat(stored).isCloseTo(weight[c] / total, within(1e-6));
      }
      impureLeaves += v >= 0 ? 1 : 0;
    }
    assertThat(impureLeaves).as("depth 3 must leave impure leaves to check").isGreaterThan(0);
  }

  @Test
  void aTreeDependsOnlyOnTheDataAndItsSeed() {
    TrainingSet data = data(300, 8, 2, 6, row -> row[3] > 0.5 ^ row[5] > 0.5 ? 1 : 0, null);
    ExtraTreeBuilder reused = new ExtraTreeBuilder(data, settings(3, Integer.MAX_VALUE, 1));
    for (int t = 0; t < 4; t++) {
      reused.build(SplitMix64.forStream(1, t), new double[8]);
    }
    TreeArrays afterOthers = reused.build(SplitMix64.forStream(1, 4), new double[8]);
    TreeArrays fresh = new ExtraTreeBuilder(data, settings(3, Integer.MAX_VALUE, 1))
        .build(SplitMix64.forStream(1, 4), new double[8]);
    assertThat(afterOthers.feature()).isEqualTo(fresh.feature());
    assertThat(afterOthers.threshold()).isEqualTo(fresh.threshold());
    assertThat(afterOthers.right()).isEqualTo(fresh.right());
    TreeArrays otherSeed = reused.build(SplitMix64.forStream(2, 4), new double[8]);
    assertThat(otherSeed.threshold()).isNotEqualTo(fresh.threshold());
  }

  @Test
  void perRowWeightsAndClassWeightsGiveTheSameTree() {
    // Class weights constant within a class take the integer-count path; the same weights with one row nudged by
    // a factor that does not change any sum take the per-row path. Both must grow the same tree.
    double[] classWeights = {0.25, 1.5};
    TrainingSet data = data(400, 5, 2, 7, row -> row[1] > 0.4 ? 1 : 0, classWeights);
    ExtraTreeBuilder.Settings s = settings(2, Integer.MAX_VALUE, 1);
    TreeArrays classPath = new ExtraTreeBuilder(data, s).build(SplitMix64.forStream(4, 0), new double[5]);
    double[] w = new double[data.rows()];
    for (int i = 0; i < w.length; i++) {
      w[i] = data.weight(i);
    }
    float[] x = new float[data.rows() * data.features()];
    int[] y = new int[data.rows()];
    for (int i = 0; i < data.rows(); i++) {
      y[i] = data.label(i);
      for (int j = 0; j < data.features(); j++) {
        x[j * data.rows() + i] = data.x(i, j);
      }
    }
    // An extra class-0 row of weight 0.25 split into two rows of 0.125 at the same point: per-row weights.
    int n = data.rows() + 1;
    float[] x2 = new float[n * data.features()];
    for (int j = 0; j < data.features(); j++) {
      System.arraycopy(x, j * data.rows(), x2, j * n, data.rows());
      x2[j * n + data.rows()] = x[j * data.rows()];
    }
    int[] y2 = java.util.Arrays.copyOf(y, n);
    y2[data.rows()] = y[0];
    double[] w2 = java.util.Arrays.copyOf(w, n);
    w2[0] = w[0] / 2;
    w2[data.rows()] = w[0] / 2;
    TreeArrays rowPath = new ExtraTreeBuilder(new TrainingSet(n, data.features(), 2, x2, y2, w2), s)
        .build(SplitMix64.forStream(4, 0), new double[5]);
    assertThat(rowPath.feature()).isEqualTo(classPath.feature());
    assertThat(rowPath.threshold()).isEqualTo(classPath.threshold());
  }

  @Test
  void importancesConcentrateOnTheInformativeFeature() {
    TrainingSet data = data(600, 10, 2, 8, row -> row[4] > 0.5 ? 1 : 0, null);
    ExtraTreesTraining.TreeBatch batch =
        ExtraTreesTraining.growLocally(data, settings(4, Integer.MAX_VALUE, 1), 0, 30, 11);
    double[] importances = ExtraTreesTraining.assemble(List.of(batch), 10, 2, 30).featureImportances();
    assertThat(java.util.Arrays.stream(importances).sum()).isCloseTo(1.0, within(1e-12));
    for (int j = 0; j < 10; j++) {
      if (j != 4) {
        assertThat(importances[4]).isGreaterThan(5 * importances[j]);
      }
    }
  }

  @Test
  void trainingSetsThatCannotFitAreRefusedWithTheirSize() {
    long gb = 1L << 30;
    // The ear's data: 10 000 x 660 floats = 25 MB, fine with a 1 GB driver and executors.
    assertThat(ExtraTreesData.sizeProblem(10_000, 660, gb, gb)).isNull();
    assertThat(ExtraTreesData.sizeProblem(4_000_000, 660, 64 * gb, 64 * gb)).contains("Java array limit");
    assertThat(ExtraTreesData.sizeProblem(200_000, 660, gb, 0))
        .contains("200000 rows x 660 features = 505 MB").contains("driver has 1024 MB");
    assertThat(ExtraTreesData.sizeProblem(300_000, 660, 8 * gb, gb)).contains("spark.executor.memory is 1024 MB");
  }

  @Test
  void forestSumsEachTreesLeafDistribution() {
    TrainingSet data = data(300, 4, 3, 10, row -> (int) (row[1] * 3), null);
    int trees = 7; // four interleaved walks and three single ones
    ExtraTreesTraining.TreeBatch batch = ExtraTreesTraining.growLocally(data, settings(2, 3, 1), 0, trees, 2);
    Forest forest = ExtraTreesTraining.assemble(List.of(batch), 4, 3, trees).forest();
    Random r = new Random(3);
    for (int k = 0; k < 50; k++) {
      float[] x = {r.nextFloat(), r.nextFloat(), r.nextFloat(), r.nextFloat()};
      double[] expected = new double[3];
      for (TreeArrays tree : batch.trees()) {
        int node = 0;
        while (tree.feature()[node] >= 0) {
          node = x[tree.feature()[node]] <= tree.threshold()[node] ? node + 1 : tree.right()[node];
        }
        int v = tree.right()[node];
        for (int c = 0; c < 3; c++) {
          expected[c] += v < 0 ? (c == -1 - v ? 1 : 0) : tree.leafValues()[v + c];
        }
      }
      double[] raw = new double[3];
      forest.addDistributions(x, raw);
      assertThat(raw).containsExactly(expected, within(1e-12));
    }
  }

  @Test
  void forestPersistsTreesWithRelativeIndices() {
    TrainingSet data = data(200, 3, 2, 9, row -> row[0] > 0.5 ? 1 : 0, null);
    ExtraTreesTraining.TreeBatch batch = ExtraTreesTraining.growLocally(data, settings(1, 4, 1), 0, 4, 1);
    Forest forest = ExtraTreesTraining.assemble(List.of(batch), 3, 2, 4).forest();
    for (int t = 0; t < 4; t++) {
      TreeArrays back = forest.tree(t);
      assertThat(back.feature()).isEqualTo(batch.trees()[t].feature());
      assertThat(back.right()).isEqualTo(batch.trees()[t].right());
      assertThat(back.leafValues()).isEqualTo(batch.trees()[t].leafValues());
    }
    assertThatThrownBy(() -> new Forest(3, 2, List.of(new TreeArrays(new int[] {0}, new float[1], new int[] {5},
        new float[0])))).hasMessageContaining("malformed");
  }
}
