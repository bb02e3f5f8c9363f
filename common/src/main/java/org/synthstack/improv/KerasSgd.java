package org.synthstack.improv;

import ai.djl.ndarray.NDArray;

/**
 * Keras's SGD with time-based decay, momentum and Nesterov momentum (DJL's own {@code Nag} is not implemented by its
 * PyTorch engine). With {@code iterations = t − 1} updates done before this one:
 *
 * <pre>
 * lr_t = lr / (1 + decay·iterations)
 * momentum = 0:  w ← w − lr_t·g
 * otherwise:     a ← momentum·a − lr_t·g
 *                w ← w + a                         (classical)
 *                w ← w + momentum·a − lr_t·g       (Nesterov)
 * </pre>
 *
 * The decay counts optimizer steps (batches), as Keras's does; the seed's "0.01/130" is decay = lr/130.
 */
public final class KerasSgd extends KerasOptimizer {
  private final double learningRate;
  private final double decay;
  private final double momentum;
  private final boolean nesterov;

  public KerasSgd(OptimizerSpec.Sgd spec) {
    this.learningRate = spec.learningRate();
    this.decay = spec.decay();
    this.momentum = spec.momentum();
    this.nesterov = spec.nesterov();
  }

  @Override
  protected int stateArrays() {
    return momentum == 0 ? 0 : 1;
  }

  @Override
  protected void step(String parameterId, int t, NDArray weight, NDArray grad, NDArray[] state) {
    float lrT = (float) (learningRate / (1 + decay * (t - 1)));
    if (momentum == 0) {
      weight.subi(grad.mul(lrT));
      return;
    }
    NDArray velocity = state[0];
    velocity.muli((float) momentum).subi(grad.mul(lrT));
    if (nesterov) {
      weight.addi(velocity.mul((float) momentum).subi(grad.mul(lrT)));
    } else {
      weight.addi(velocity);
    }
  }
}
