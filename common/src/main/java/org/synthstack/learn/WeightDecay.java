package org.synthstack.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;

/**
 * L2 regularisation as PyTorch's {@code weight_decay} does it: λ·w is added to every gradient (biases included)
 * before the wrapped optimizer's update. Table 9's "regularization" is this λ.
 */
final class WeightDecay extends Optimizer {
  private final Optimizer inner;
  private final float lambda;

  WeightDecay(Optimizer inner, double lambda) {
    super(new Options());
    this.inner = inner;
    this.lambda = (float) lambda;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    if (lambda == 0f) {
      inner.update(parameterId, weight, grad);
      return;
    }
    try (NDArray decay = weight.mul(lambda); NDArray regularised = grad.add(decay)) {
      inner.update(parameterId, weight, regularised);
    }
  }

  private static final class Options extends OptimizerBuilder<Options> {
    @Override
    protected Options self() {
      return this;
    }
  }
}
