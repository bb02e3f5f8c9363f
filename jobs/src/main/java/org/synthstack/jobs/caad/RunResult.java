package org.synthstack.jobs.caad;

import java.io.Serializable;
import java.util.List;

/**
 * One optimiser run of an experiment: its trajectory, every evaluation, and its answer.
 *
 * @param problem the problem's label (a Table II number, "SNR_loss 5 dB", a test function's name)
 * @param method the optimiser
 * @param repetition the repetition, from 0
 * @param seed the run's seed
 * @param trajectory one point per step, in order
 * @param evaluations the run's history
 * @param seconds wall time of the run
 */
public record RunResult(String problem, Method method, int repetition, long seed, List<TrajectoryPoint> trajectory,
    List<EvaluationRecord> evaluations, double seconds) implements Serializable {
  private static final long serialVersionUID = 1L;

  public RunResult {
    trajectory = List.copyOf(trajectory);
    evaluations = List.copyOf(evaluations);
  }

  public TrajectoryPoint last() {
    return trajectory.get(trajectory.size() - 1);
  }

  /** Non-finite values in the history. */
  public int failedEvaluations() {
    int n = 0;
    for (EvaluationRecord e : evaluations) {
      if (!Double.isFinite(e.value())) {
        n++;
      }
    }
    return n;
  }
}
