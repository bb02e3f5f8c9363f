package org.synthstack.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.SplittableRandom;

/**
 * PyTorch's default initialisation of {@code nn.Linear} and {@code nn.Conv2d} (the paper's models were PyTorch's):
 * weights and biases uniform in ±1/√fan_in, fan_in = inputs × kernel area. Drawn from a Java RNG so that a seed
 * gives the same model in any thread.
 */
final class PyTorchInit {
  private PyTorchInit() {}

  static void initialise(Block block, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long fanIn = 1;
    for (Pair<String, Parameter> named : block.getParameters()) {
      Parameter p = named.getValue();
      NDArray array = p.getArray();
      long[] shape = array.getShape().getShape();
      if (p.getType() == Parameter.Type.WEIGHT) {
        // DJL's layout is [out, in, kh, kw] / [out, in]: everything after the first axis feeds one output.
        fanIn = 1;
        for (int i = 1; i < shape.length; i++) {
          fanIn *= shape[i];
        }
      }
      // A bias follows its weight in parameter order, so fanIn is that layer's.
      double bound = 1 / Math.sqrt(fanIn);
      float[] values = new float[Math.toIntExact(array.size())];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) random.nextDouble(-bound, bound);
      }
      array.set(values);
    }
  }
}
