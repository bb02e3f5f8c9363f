package org.synthstack.jobs.caad;

import java.io.Serializable;

/**
 * The state of one optimiser run after a step: what it would answer now, and at what cost.
 *
 * @param iteration REGO/EGO: evaluations after the initial design (0 = the model on the initial design alone);
 *     DIRECT: the DIRECT iteration of the objective evaluation this row follows
 * @param objectiveEvaluations black-box calls so far (DIRECT on EL: evaluations of EL)
 * @param lossEvaluations evaluations of the single-instance loss L so far (DIRECT on EL: K per EL evaluation)
 * @param estimate the current answer: EGO and DIRECT the best point observed, REGO argmin ẑ (design units)
 * @param estimateValue EGO and DIRECT its observed value, REGO ẑ there (a model prediction)
 * @param estimateSd the model's predictive standard deviation at the estimate (NaN for DIRECT and final EGO rows)
 * @param distance distance from the estimate to the reference optimum (known, or from a dense scan)
 * @param distanceToFinal distance from the estimate to the run's final estimate (the seed's Figs. 8 and 9)
 * @param percentError DIRECT suite: 100·(f − f_global)/|f_global| (100·f when f_global = 0); NaN elsewhere
 * @param failedEvaluations non-finite black-box values recorded so far (penalised by the optimiser, never dropped)
 * @param jitter diagonal jitter the model's Cholesky factorisation needed (NaN without a model)
 */
public record TrajectoryPoint(int iteration, int objectiveEvaluations, long lossEvaluations, double[] estimate,
    double estimateValue, double estimateSd, double distance, double distanceToFinal, double percentError,
    int failedEvaluations, double jitter) implements Serializable {
  private static final long serialVersionUID = 1L;

  public TrajectoryPoint {
    estimate = estimate.clone();
  }

  @Override
  public double[] estimate() {
    return estimate.clone();
  }
}
