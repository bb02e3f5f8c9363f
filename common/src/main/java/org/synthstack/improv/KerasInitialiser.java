package org.synthstack.improv;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.SplittableRandom;

/**
 * Sets an initialised {@link MdrnnBlock}'s parameters the way Keras initialises IMPS's layers, from a Java RNG, so
 * that a seed gives the same model in any thread (PyTorch's RNG is process-wide, and Spark runs several tasks in one
 * executor JVM):
 *
 * <ul>
 *   <li>LSTM input kernels and the dense head: Glorot uniform, limit √(6/(fan_in + fan_out));
 *   <li>LSTM recurrent kernels: orthogonal (Keras's {@code orthogonal}; here by Gram–Schmidt on Gaussian columns);
 *   <li>biases 0, except the LSTM forget gate's, which is 1 (Keras's {@code unit_forget_bias}). PyTorch keeps two
 *       bias vectors per layer (input and recurrent) in gate order i, f, g, o; the 1 goes into the input one.
 * </ul>
 */
final class KerasInitialiser {
  private KerasInitialiser() {}

  static void initialise(Block block, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (Pair<String, Parameter> named : block.getParameters()) {
      String name = named.getKey();
      NDArray array = named.getValue().getArray();
      long[] shape = array.getShape().getShape();
      float[] values;
      if (named.getValue().getType() == Parameter.Type.BIAS) {
        values = new float[(int) shape[0]];
        if (name.contains("i2h")) {
          int units = values.length / 4;
          java.util.Arrays.fill(values, units, 2 * units, 1f);
        }
      } else if (name.contains("h2h")) {
        values = orthogonalColumns((int) shape[0], (int) shape[1], random);
      } else {
        values = glorotUniform((int) shape[0], (int) shape[1], random);
      }
      array.set(values);
    }
  }

  /** A {@code rows × cols} matrix (rows = fan_out, cols = fan_in, DJL's layout), row-major. */
  private static float[] glorotUniform(int rows, int cols, SplittableRandom random) {
    double limit = Math.sqrt(6.0 / (rows + cols));
    float[] values = new float[rows * cols];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(-limit, limit);
    }
    return values;
  }

  /** A {@code rows × cols} matrix (rows ≥ cols) with orthonormal columns, row-major. */
  private static float[] orthogonalColumns(int rows, int cols, SplittableRandom random) {
    double[][] columns = new double[cols][rows];
    for (int j = 0; j < cols; j++) {
      double[] c = columns[j];
      for (int i = 0; i < rows; i++) {
        c[i] = random.nextGaussian();
      }
      // Modified Gram–Schmidt against the columns already made.
      for (int p = 0; p < j; p++) {
        double dot = 0;
        for (int i = 0; i < rows; i++) {
          dot += c[i] * columns[p][i];
        }
        for (int i = 0; i < rows; i++) {
          c[i] -= dot * columns[p][i];
        }
      }
      double norm = 0;
      for (int i = 0; i < rows; i++) {
        norm += c[i] * c[i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < rows; i++) {
        c[i] /= norm;
      }
    }
    float[] values = new float[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        values[i * cols + j] = (float) columns[j][i];
      }
    }
    return values;
  }
}
