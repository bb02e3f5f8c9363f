package org.synthstack.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.SplittableRandom;

/**
 * Inverted dropout (zero with probability p, scale the rest by 1/(1−p), identity at inference) whose masks come from
 * a Java RNG. DJL's own dropout draws from PyTorch's process-wide generator, so two trials training in one Spark
 * executor would perturb each other's masks and a seed would no longer fix the result.
 */
final class SeededDropout extends AbstractBlock {
  private final float rate;
  private SplittableRandom random = new SplittableRandom(0);
  private float[] mask = new float[0];

  SeededDropout(double rate) {
    this.rate = (float) rate;
  }

  /** Restarts the mask stream. */
  void reseed(long seed) {
    random = new SplittableRandom(seed);
  }

  @Override
  protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    if (!training || rate == 0f) {
      return inputs;
    }
    int n = Math.toIntExact(x.size());
    if (mask.length < n) {
      mask = new float[n];
    }
    float keep = 1f / (1f - rate);
    for (int i = 0; i < n; i++) {
      mask[i] = random.nextDouble() < rate ? 0f : keep;
    }
    NDArray m = x.getManager().create(java.nio.FloatBuffer.wrap(mask, 0, n).slice(), x.getShape());
    return new NDList(x.mul(m));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}
