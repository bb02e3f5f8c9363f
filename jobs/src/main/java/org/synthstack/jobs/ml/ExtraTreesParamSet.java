package org.synthstack.jobs.ml;

import java.io.Serializable;
import java.util.function.Predicate;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import scala.runtime.AbstractFunction1;

/**
 * The {@link Param}s that {@link ExtraTreesClassifier} and {@link ExtraTreesClassificationModel} share, created for
 * one owner. (Java has no traits with state; both classes hold one of these and expose its params through
 * {@link ExtraTreesParams}' default methods, which Spark's reflective {@code Params.params} discovers.)
 */
public final class ExtraTreesParamSet implements Serializable {
  private static final long serialVersionUID = 1L;

  final IntParam numTrees;
  final IntParam maxDepth;
  final IntParam minInstancesPerNode;
  final DoubleParam minWeightFractionPerNode;
  final DoubleParam minInfoGain;
  final Param<String> impurity;
  final Param<String> featureSubsetStrategy;
  final BooleanParam bootstrap;
  final IntParam numTasks;

  ExtraTreesParamSet(Params owner) {
    numTrees = new IntParam(owner, "numTrees", "number of trees (>= 1)", ParamValidators.gtEq(1));
    maxDepth = new IntParam(owner, "maxDepth", "maximum depth of a tree (>= 0; 0 means a single leaf, as in MLlib); "
        + "the default 2147483647 grows trees until their leaves are pure, as sklearn's max_depth=None",
        ParamValidators.gtEq(0));
    minInstancesPerNode = new IntParam(owner, "minInstancesPerNode", "minimum number of rows each child must have "
        + "after a split (>= 1); a split leaving fewer is discarded", ParamValidators.gtEq(1));
    minWeightFractionPerNode = new DoubleParam(owner, "minWeightFractionPerNode", "minimum fraction of the tree's "
        + "total weight that each child must have after a split, in [0, 0.5)",
        ParamValidators.inRange(0, 0.5, true, false));
    minInfoGain = new DoubleParam(owner, "minInfoGain", "minimum impurity decrease I(node) - wL/w I(left) - "
        + "wR/w I(right) for a split to be kept (>= 0)", ParamValidators.gtEq(0));
    impurity = new Param<>(owner, "impurity", "criterion for choosing among the candidate splits "
        + "(case-insensitive): gini, entropy", check((String v) -> isImpurity(v)));
    featureSubsetStrategy = new Param<>(owner, "featureSubsetStrategy", "number of non-constant candidate features "
        + "each node draws: auto (= sqrt), all, onethird, sqrt, log2, a fraction in (0, 1] or an integer n >= 1",
        check(FeatureSubset::isValid));
    bootstrap = new BooleanParam(owner, "bootstrap", "whether each tree grows on a bootstrap sample (drawn with "
        + "replacement, counts as weights) instead of all rows");
    numTasks = new IntParam(owner, "numTasks", "number of Spark tasks the trees are split across (>= 0; 0 = the "
        + "default parallelism, at most numTrees); only speed depends on it, never the forest",
        ParamValidators.gtEq(0));
  }

  private static boolean isImpurity(String v) {
    try {
      Impurity.parse(v);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A serialisable Scala predicate (params travel with models into Spark tasks). */
  static <T> scala.Function1<T, Object> check(SerializablePredicate<T> predicate) {
    return new Check<>(predicate);
  }

  interface SerializablePredicate<T> extends Predicate<T>, Serializable {}

  private static final class Check<T> extends AbstractFunction1<T, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SerializablePredicate<T> predicate;

    Check(SerializablePredicate<T> predicate) {
      this.predicate = predicate;
    }

    @Override
    public Object apply(T value) {
      return value != null && predicate.test(value);
    }
  }
}
