package org.synthstack.improv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The MDRNN as a DJL block: two stacked LSTM layers (batch first) and a dense mixture density head.
 *
 * <p>Input: {@code (x)} or {@code (x, h, c)} with {@code x} of shape {@code (batch, time, D)} and the LSTM states of
 * shape {@code (2, batch, units)}. Output: {@code (params, h, c)} where {@code params} has shape {@code (batch, time,
 * 2·K·D + K)}: μ linear, σ = ELU(·) + 1 + 1e-7 (always positive), then the raw mixture logits.
 */
public final class MdrnnBlock extends AbstractBlock {
  private static final byte VERSION = 1;
  /** Keeps σ away from 0, as keras-mdn-layer does. */
  static final float SIGMA_FLOOR = 1e-7f;

  private final MdrnnSpec spec;
  private final LSTM lstm;
  private final Linear head;

  public MdrnnBlock(MdrnnSpec spec) {
    super(VERSION);
    this.spec = spec;
    this.lstm = addChildBlock("lstm", LSTM.builder()
        .setStateSize(spec.units())
        .setNumLayers(MdrnnSpec.LAYERS)
        .optBatchFirst(true)
        .optReturnState(true)
        .build());
    this.head = addChildBlock("mdn", Linear.builder().setUnits(spec.outputs()).build());
  }

  public MdrnnSpec spec() {
    return spec;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList recurrent = lstm.forward(parameterStore, new NDList(inputs), training);
    NDArray raw = head.forward(parameterStore, new NDList(recurrent.get(0)), training).singletonOrThrow();
    int last = raw.getShape().dimension() - 1;
    NDList parts = raw.split(new long[] {spec.sigmaOffset(), spec.logitOffset()}, last);
    NDArray sigma = Activation.elu(parts.get(1), 1f).add(1f + SIGMA_FLOOR);
    NDArray out = NDArrays.concat(new NDList(parts.get(0), sigma, parts.get(2)), last);
    return new NDList(out, recurrent.get(1), recurrent.get(2));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape x = inputShapes[0];
    Shape state = new Shape(MdrnnSpec.LAYERS, x.get(0), spec.units());
    return new Shape[] {new Shape(x.get(0), x.get(1), spec.outputs()), state, state};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape x = inputShapes[0];
    lstm.initialize(manager, dataType, x);
    head.initialize(manager, dataType, new Shape(x.get(0), x.get(1), spec.units()));
  }
}
