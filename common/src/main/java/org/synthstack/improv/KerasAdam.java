package org.synthstack.improv;

import ai.djl.ndarray.NDArray;

/**
 * Keras's Adam: with {@code t} the step (1 first),
 *
 * <pre>
 * m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²
 * lr_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)
 * w ← w − lr_t·m/(√v + ε)
 * </pre>
 *
 * ε = 1e-7 by default and, as in Keras, it is added to √v, not to the bias-corrected √v̂.
 */
public final class KerasAdam extends KerasOptimizer {
  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;

  public KerasAdam(OptimizerSpec.Adam spec) {
    this.learningRate = spec.learningRate();
    this.beta1 = spec.beta1();
    this.beta2 = spec.beta2();
    this.epsilon = spec.epsilon();
  }

  @Override
  protected int stateArrays() {
    return 2;
  }

  @Override
  protected void step(String parameterId, int t, NDArray weight, NDArray grad, NDArray[] state) {
    NDArray m = state[0];
    NDArray v = state[1];
    m.muli((float) beta1).addi(grad.mul((float) (1 - beta1)));
    v.muli((float) beta2).addi(grad.square().muli((float) (1 - beta2)));
    double lrT = learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
    weight.subi(m.div(v.sqrt().addi((float) epsilon)).muli((float) lrT));
  }
}
