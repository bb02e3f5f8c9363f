package org.synthstack.improv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The mixture density network's negative log-likelihood, averaged over rows (every (batch, time) position):
 *
 * <pre>−mean_rows log Σ_k softmax(π)_k · N(y; μ_k, diag σ_k²)</pre>
 *
 * computed in log space with log-sum-exp (a max shift), so that no density underflows. With small σ the densities
 * exceed 1 and the loss is negative; that is normal (the seed's Table I has −80).
 */
public final class MdnLoss extends Loss {
  private static final float HALF_LOG_TWO_PI = (float) (0.5 * Math.log(2 * Math.PI));

  private final int mixtures;
  private final int dimension;

  public MdnLoss(MdrnnSpec spec) {
    super("mdn_nll");
    this.mixtures = spec.mixtures();
    this.dimension = spec.dimension();
  }

  /** Labels: the targets {@code (..., D)}; predictions: the block's output, head first. */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    return negativeLogLikelihood(predictions.head(), labels.head(), mixtures, dimension);
  }

  /**
   * @param params head outputs {@code (..., 2·K·D + K)}: μ, σ (already positive), logits
   * @param targets {@code (..., D)}
   * @return a scalar: the mean negative log-likelihood per row
   */
  public static NDArray negativeLogLikelihood(NDArray params, NDArray targets, int mixtures, int dimension) {
    int kd = mixtures * dimension;
    long rows = targets.getShape().size() / dimension;
    NDArray flat = params.reshape(rows, 2L * kd + mixtures);
    NDArray mu = flat.get(":, 0:" + kd).reshape(rows, mixtures, dimension);
    NDArray sigma = flat.get(":, " + kd + ":" + (2 * kd)).reshape(rows, mixtures, dimension);
    NDArray logits = flat.get(":, " + (2 * kd) + ":");
    NDArray y = targets.reshape(rows, 1, dimension);
    NDArray z = y.sub(mu).div(sigma);
    // log N(y; μ_k, diag σ_k²) = Σ_d [−z²/2 − log σ − log(2π)/2], one value per (row, k).
    NDArray logDensity = z.square().mul(-0.5f).sub(sigma.log()).sum(new int[] {2}).sub(HALF_LOG_TWO_PI * dimension);
    NDArray logJoint = logDensity.add(logits.logSoftmax(1));
    NDArray shift = logJoint.max(new int[] {1}, true);
    NDArray logLikelihood = logJoint.sub(shift).exp().sum(new int[] {1}).log().add(shift.squeeze(1));
    return logLikelihood.mean().neg();
  }
}
