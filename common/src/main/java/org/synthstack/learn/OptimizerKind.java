package org.synthstack.learn;

import org.synthstack.improv.OptimizerSpec;

/** Table 9's optimizers, as the project's Keras-semantics implementations. */
public enum OptimizerKind {
  /** Adam with β₁ 0.9, β₂ 0.999, ε 1e-7 (PyTorch's ε is 1e-8 inside the bias correction: a negligible difference). */
  ADAM,
  /** Plain SGD, no momentum (PyTorch's default). */
  SGD;

  OptimizerSpec spec(double learningRate) {
    return this == ADAM ? OptimizerSpec.Adam.of(learningRate) : new OptimizerSpec.Sgd(learningRate, 0, 0, false);
  }
}
