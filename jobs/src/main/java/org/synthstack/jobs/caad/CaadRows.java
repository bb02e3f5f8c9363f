package org.synthstack.jobs.caad;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet schemas of the caad experiments: {@code caad_trajectories} (one row per optimiser step) and {@code
 * caad_evaluations} (one row per black-box call). Both carry the experiment, problem, method and repetition, so the
 * outputs of several subcommands can be read together.
 */
public final class CaadRows {
  private static final StructType KEYS = new StructType()
      .add("experiment", DataTypes.StringType, false)
      .add("problem", DataTypes.StringType, false)
      .add("method", DataTypes.StringType, false)
      .add("repetition", DataTypes.IntegerType, false)
      .add("seed", DataTypes.LongType, false);

  public static final StructType TRAJECTORY = KEYS
      .add("iteration", DataTypes.IntegerType, false)
      .add("objective_evaluations", DataTypes.IntegerType, false)
      .add("loss_evaluations", DataTypes.LongType, false)
      .add("estimate", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("estimate_value", DataTypes.DoubleType, false)
      .add("estimate_sd", DataTypes.DoubleType, false)
      .add("distance", DataTypes.DoubleType, false)
      .add("distance_to_final", DataTypes.DoubleType, false)
      .add("percent_error", DataTypes.DoubleType, false)
      .add("failed_evaluations", DataTypes.IntegerType, false)
      .add("jitter", DataTypes.DoubleType, false);

  public static final StructType EVALUATION = KEYS
      .add("index", DataTypes.IntegerType, false)
      .add("iteration", DataTypes.IntegerType, false)
      .add("point", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("value", DataTypes.DoubleType, false)
      .add("finite", DataTypes.BooleanType, false);

  private CaadRows() {}

  public static List<Row> trajectoryRows(String experiment, List<RunResult> runs) {
    List<Row> rows = new ArrayList<>();
    for (RunResult r : runs) {
      for (TrajectoryPoint p : r.trajectory()) {
        rows.add(RowFactory.create(experiment, r.problem(), r.method().label(), r.repetition(), r.seed(),
            p.iteration(), p.objectiveEvaluations(), p.lossEvaluations(), p.estimate(), p.estimateValue(),
            p.estimateSd(), p.distance(), p.distanceToFinal(), p.percentError(), p.failedEvaluations(), p.jitter()));
      }
    }
    return rows;
  }

  public static List<Row> evaluationRows(String experiment, List<RunResult> runs) {
    List<Row> rows = new ArrayList<>();
    for (RunResult r : runs) {
      for (EvaluationRecord e : r.evaluations()) {
        rows.add(RowFactory.create(experiment, r.problem(), r.method().label(), r.repetition(), r.seed(), e.index(),
            e.iteration(), e.point(), e.value(), Double.isFinite(e.value())));
      }
    }
    return rows;
  }
}
