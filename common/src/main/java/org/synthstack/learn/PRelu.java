package org.synthstack.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * PyTorch's {@code nn.PReLU()}: max(0, x) + a·min(0, x) with one learned slope a (0.25 at first). DJL's own PReLU
 * block is not implemented by its PyTorch engine.
 */
final class PRelu extends AbstractBlock {
  private final Parameter alpha;

  PRelu() {
    alpha = addParameter(Parameter.builder().setName("alpha").setType(Parameter.Type.WEIGHT).optShape(new Shape())
        .build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray a = store.getValue(alpha, x.getDevice(), training);
    return new NDList(x.maximum(0f).add(x.minimum(0f).mul(a)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}
