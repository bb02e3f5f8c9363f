package org.synthstack.jobs.caad;

import java.io.Serializable;

/**
 * One black-box call as the optimiser recorded it.
 *
 * @param index position in the run's history, from 0
 * @param iteration the optimiser iteration that asked for it (0: initial design or DIRECT's centre)
 * @param point the point (REGO: [θ, x])
 * @param value the value returned, unmodified (NaN and infinities are kept)
 */
public record EvaluationRecord(int index, int iteration, double[] point, double value) implements Serializable {
  private static final long serialVersionUID = 1L;

  public EvaluationRecord {
    point = point.clone();
  }

  @Override
  public double[] point() {
    return point.clone();
  }
}
